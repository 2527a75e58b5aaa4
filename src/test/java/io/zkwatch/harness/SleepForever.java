package io.zkwatch.harness;

import java.util.concurrent.CountDownLatch;

/** A main class that never returns by itself: stands in for a server under {@code ParentWatchdog}. */
public final class SleepForever {

    private SleepForever() {
    }

    public static void main(String[] args) throws InterruptedException {
        new CountDownLatch(1).await();
    }
}

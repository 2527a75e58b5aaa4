package io.zkwatch.collectors;

/** {@code isro} ({@code rw}/{@code ro}) or AdminServer {@code is_read_only}. */
public record ReadOnlyStatus(boolean readOnly) {
}

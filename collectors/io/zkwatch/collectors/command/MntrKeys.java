package io.zkwatch.collectors.command;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code mntr} keys (without {@code zk_}) that ZooKeeper 3.5 to 3.9 print, as the captured fixtures and the
 * reference ensemble show them: {@link MntrCollector} looks every key up here, so a known key costs no String.
 *
 * <p>Keys that name a follower's server id ({@code avg_1_learner_handler_qp_size}) or a top-level znode
 * ({@code cnt_<namespace>_write_per_namespace}) differ from ensemble to ensemble and are left out, as is every key
 * a later version adds: those are decoded as they come, and kept just the same.
 */
final class MntrKeys {

    /** Keys printed as they are. */
    private static final String PLAIN = """
            add_dead_watcher_stall_time approximate_data_size auth_failed_count avg_latency
            bytes_received_count cnxn_closed_without_zk_server_running commit_count
            connection_drop_count connection_drop_probability connection_rejected
            connection_request_count connection_revalidate_count dead_watchers_cleared
            dead_watchers_queued diff_count digest_mismatches_count ensemble_auth_fail
            ensemble_auth_skip ensemble_auth_success ephemerals_count followers global_sessions
            insecure_admin_count large_requests_rejected last_client_response_size last_proposal_size
            leader_uptime learner_commit_received_count learner_proposal_received_count learners
            local_sessions looking_count max_client_response_size max_file_descriptor_count max_latency
            max_proposal_size min_client_response_size min_latency min_proposal_size
            non_mtls_local_conn_count non_mtls_remote_conn_count num_alive_connections
            open_file_descriptor_count outstanding_changes_queued outstanding_changes_removed
            outstanding_requests outstanding_tls_handshake packets_received packets_sent peer_state
            pending_syncs prep_processor_request_queued proposal_count
            quit_leading_due_to_disloyal_voter quorum_size request_commit_queued
            request_throttle_wait_count requests_not_forwarded_to_commit_processor response_bytes
            response_packet_cache_hits response_packet_cache_misses
            response_packet_get_children_cache_hits response_packet_get_children_cache_misses
            restore_error_count restore_rate_limited_count revalidate_count server_state
            sessionless_connections_expired skip_learner_request_to_next_processor_count snap_count
            snapshot_error_count snapshot_rate_limited_count stale_replies stale_requests
            stale_requests_dropped stale_sessions_expired sync_processor_request_queued synced_followers
            synced_non_voting_followers synced_observers throttled_ops tls_handshake_exceeded
            unrecoverable_error_count unsuccessful_handshake uptime version watch_bytes watch_count
            znode_count
            """;

    /** Summaries printed as {@code avg_}, {@code min_}, {@code max_}, {@code cnt_} and {@code sum_} of the name. */
    private static final String SUMMARIES = """
            commit_commit_proc_req_queued commit_process_time
            concurrent_request_processing_in_commit_processor connection_token_deficit dbinittime
            election_time follower_sync_time fsynctime inflight_diff_count inflight_snap_count
            leader_unavailable_time learner_request_processor_queue_size netty_queued_buffer_capacity
            node_changed_watch_count node_children_watch_count node_created_watch_count
            node_deleted_watch_count observer_sync_time pending_session_queue_size prep_process_time
            prep_processor_queue_size proposal_process_time read_commit_proc_issued
            read_commit_proc_req_queued reads_after_write_in_session_queue
            reads_issued_from_session_queue requests_in_session_queue restore_time
            session_queues_drained snapshottime socket_closing_time startup_snap_load_time
            startup_txns_load_time startup_txns_loaded sync_process_time sync_processor_batch_size
            sync_processor_queue_size time_waiting_empty_pool_in_commit_processor_read_ms
            unavailable_time write_batch_time_in_commit_processor write_commit_proc_issued
            write_commit_proc_req_queued
            """;

    /** Summaries that also print the {@code p50_}, {@code p95_}, {@code p99_} and {@code p999_} percentiles. */
    private static final String PERCENTILE_SUMMARIES = """
            close_session_prep_time commit_propagation_latency dead_watchers_cleaner_latency
            jvm_pause_time_ms local_write_committed_time_ms om_commit_process_time_ms
            om_proposal_process_time_ms prep_processor_queue_time_ms propagation_latency
            proposal_ack_creation_latency proposal_latency quorum_ack_latency read_commitproc_time_ms
            read_final_proc_time_ms readlatency request_throttle_queue_time_ms
            server_write_committed_time_ms sync_processor_queue_and_flush_time_ms
            sync_processor_queue_flush_time_ms sync_processor_queue_time_ms updatelatency
            write_commitproc_time_ms write_final_proc_time_ms
            """;

    private static final List<String> SUMMARY_PREFIXES = List.of("avg_", "min_", "max_", "cnt_", "sum_");
    private static final List<String> PERCENTILE_PREFIXES = List.of("p50_", "p95_", "p99_", "p999_");

    static final KnownStrings TABLE = KnownStrings.of(keys());

    private MntrKeys() {
    }

    static List<String> keys() {
        List<String> keys = new ArrayList<>(List.of(PLAIN.trim().split("\\s+")));
        for (String name : SUMMARIES.trim().split("\\s+")) {
            SUMMARY_PREFIXES.forEach(p -> keys.add(p + name));
        }
        for (String name : PERCENTILE_SUMMARIES.trim().split("\\s+")) {
            SUMMARY_PREFIXES.forEach(p -> keys.add(p + name));
            PERCENTILE_PREFIXES.forEach(p -> keys.add(p + name));
        }
        return keys;
    }
}

//! The [`Store`](super::Store) trait mapped onto an engine's own methods: each engine keeps
//! every method with its resource under the same name plus `_impl`, and invokes
//! [`delegate_store!`] once, so the two engines cannot drift apart in how they answer the trait.

/// Implements `Store` for `$engine` by calling `self.<method>_impl(…)` (the graph's three
/// methods are `neighbors_impl`, `paths_impl` and `rings_impl`).
macro_rules! delegate_store {
    ($engine:ty) => {
        #[allow(unused_imports)]
        use chrono::{DateTime, Utc};
        #[allow(unused_imports)]
        use $crate::model::*;
        #[allow(unused_imports)]
        use $crate::server::store::*;

        impl $crate::server::store::Store for $engine {
            fn async_reads(&self) -> Option<&dyn AsyncReads> {
                self.async_reads_impl()
            }
            fn checkpoint(&self) -> StoreResult<()> {
                self.checkpoint_impl()
            }
            fn bearer(&self, hash: &str) -> StoreResult<Option<Bearer>> {
                self.bearer_impl(hash)
            }
            fn touch_bearer(&self, hash: &str, at: DateTime<Utc>) -> StoreResult<()> {
                self.touch_bearer_impl(hash, at)
            }
            fn sign_in_state(&self, name: &str) -> StoreResult<SignInState> {
                self.sign_in_state_impl(name)
            }
            fn sign_in_failed(
                &self,
                name: &str,
                at: DateTime<Utc>,
                max_failures: u32,
                lock_for: chrono::Duration,
            ) -> StoreResult<Option<DateTime<Utc>>> {
                self.sign_in_failed_impl(name, at, max_failures, lock_for)
            }
            fn sign_in_succeeded(
                &self,
                session: &SessionRow,
                totp_step: i64,
                new_password_hash: Option<&str>,
            ) -> StoreResult<bool> {
                self.sign_in_succeeded_impl(session, totp_step, new_password_hash)
            }
            fn end_session(&self, hash: &str) -> StoreResult<bool> {
                self.end_session_impl(hash)
            }
            fn set_credentials(&self, name: &str, creds: &Credentials) -> StoreResult<bool> {
                self.set_credentials_impl(name, creds)
            }
            fn demo_accounts(&self) -> StoreResult<u64> {
                self.demo_accounts_impl()
            }
            fn add_account(&self, user: &User, creds: Option<&Credentials>) -> StoreResult<()> {
                self.add_account_impl(user, creds)
            }
            fn enable_user(&self, name: &str) -> StoreResult<bool> {
                self.enable_user_impl(name)
            }
            fn accounts(&self) -> StoreResult<Vec<AccountRow>> {
                self.accounts_impl()
            }
            fn add_api_token(&self, token: &NewApiToken) -> StoreResult<()> {
                self.add_api_token_impl(token)
            }
            fn revoke_api_tokens(
                &self,
                id: Option<&str>,
                user: Option<&str>,
            ) -> StoreResult<usize> {
                self.revoke_api_tokens_impl(id, user)
            }
            fn api_tokens(&self) -> StoreResult<Vec<ApiTokenRow>> {
                self.api_tokens_impl()
            }
            fn add_user(&self, user: &StoredUser) -> StoreResult<()> {
                self.add_user_impl(user)
            }
            fn disable_user(&self, name: &str) -> StoreResult<bool> {
                self.disable_user_impl(name)
            }
            fn list_users(&self) -> StoreResult<Vec<(User, bool)>> {
                self.list_users_impl()
            }
            fn audit(&self, records: &[AuditRecord]) -> StoreResult<()> {
                self.audit_impl(records)
            }
            fn seal_audit(&self) -> StoreResult<u64> {
                self.seal_audit_impl()
            }
            fn audit_for_entity(
                &self,
                entity_id: &str,
                limit: u32,
            ) -> StoreResult<Vec<AuditEntry>> {
                self.audit_for_entity_impl(entity_id, limit)
            }
            fn idempotent_reply(
                &self,
                user: &str,
                key: &str,
            ) -> StoreResult<Option<IdempotentReply>> {
                self.idempotent_reply_impl(user, key)
            }
            fn events_after(&self, after: i64, limit: u32) -> StoreResult<Vec<Event>> {
                self.events_after_impl(after, limit)
            }
            fn last_event_id(&self) -> StoreResult<i64> {
                self.last_event_id_impl()
            }
            fn shared_auth_failure(
                &self,
                addr: &str,
                at_ms: i64,
                since_ms: i64,
                limit: u32,
            ) -> StoreResult<Option<Vec<i64>>> {
                self.shared_auth_failure_impl(addr, at_ms, since_ms, limit)
            }
            fn shared_auth_failures(
                &self,
                addr: &str,
                since_ms: i64,
                limit: u32,
            ) -> StoreResult<Option<Vec<i64>>> {
                self.shared_auth_failures_impl(addr, since_ms, limit)
            }
            fn take_rate_tokens(
                &self,
                user: &str,
                per_second: u32,
                burst: u32,
                want: u32,
            ) -> StoreResult<Option<u32>> {
                self.take_rate_tokens_impl(user, per_second, burst, want)
            }
            fn import(&self, batch: &ImportBatch) -> StoreResult<()> {
                self.import_batch(batch)
            }
            fn content_hash(&self) -> StoreResult<String> {
                self.content_hash_impl()
            }
            fn list_seizures(&self, q: &SeizureQuery, viewer: &User) -> StoreResult<Page<Seizure>> {
                self.list_seizures_impl(q, viewer)
            }
            fn get_seizure(&self, id: &str, viewer: &User) -> StoreResult<Seizure> {
                self.get_seizure_impl(id, viewer)
            }
            fn seizure_stats(&self) -> StoreResult<SeizureStats> {
                self.seizure_stats_impl()
            }
            fn create_seizure(
                &self,
                new: &NewSeizure,
                by: &User,
                idem: Option<&str>,
            ) -> StoreResult<Written<Seizure>> {
                self.create_seizure_impl(new, by, idem)
            }
            fn import_seizures(
                &self,
                rows: &[ImportRow],
                by: &User,
            ) -> StoreResult<Written<ImportResult>> {
                self.import_seizures_impl(rows, by)
            }
            fn update_seizure(
                &self,
                id: &str,
                upd: &SeizureUpdate,
                by: &User,
                idem: Option<&str>,
            ) -> StoreResult<Written<Seizure>> {
                self.update_seizure_impl(id, upd, by, idem)
            }
            fn list_firearms(&self, q: &FirearmQuery) -> StoreResult<Page<Firearm>> {
                self.list_firearms_impl(q)
            }
            fn get_firearm(&self, id: &str) -> StoreResult<Firearm> {
                self.get_firearm_impl(id)
            }
            fn list_traces(&self, q: &TraceQuery) -> StoreResult<Page<Trace>> {
                self.list_traces_impl(q)
            }
            fn get_trace(&self, id: &str) -> StoreResult<Trace> {
                self.get_trace_impl(id)
            }
            fn submit_trace(
                &self,
                req: &TraceRequest,
                by: &User,
                idem: Option<&str>,
            ) -> StoreResult<Written<Trace>> {
                self.submit_trace_impl(req, by, idem)
            }
            fn advance_traces(
                &self,
                now: DateTime<Utc>,
                delay: chrono::Duration,
            ) -> StoreResult<Vec<Event>> {
                self.advance_traces_impl(now, delay)
            }
            fn list_casings(&self, q: &CasingQuery, viewer: &User) -> StoreResult<Page<Casing>> {
                self.list_casings_impl(q, viewer)
            }
            fn get_casing(&self, id: &str, viewer: &User) -> StoreResult<Casing> {
                self.get_casing_impl(id, viewer)
            }
            fn list_leads(&self, q: &LeadQuery) -> StoreResult<Page<Lead>> {
                self.list_leads_impl(q)
            }
            fn get_lead(&self, id: &str) -> StoreResult<Lead> {
                self.get_lead_impl(id)
            }
            fn casing_descriptors(
                &self,
                caliber_class: &str,
            ) -> StoreResult<Vec<(String, Option<Vec<u8>>)>> {
                self.casing_descriptors_impl(caliber_class)
            }
            fn save_descriptors(&self, rows: &[(String, Vec<u8>)]) -> StoreResult<()> {
                self.save_descriptors_impl(rows)
            }
            fn casing_image(&self, id: &str) -> StoreResult<Option<(u32, Vec<u8>)>> {
                self.casing_image_impl(id)
            }
            fn acquire_casing(
                &self,
                acq: &Acquisition,
                by: &User,
                idem: Option<&str>,
            ) -> StoreResult<Written<Casing>> {
                self.acquire_casing_impl(acq, by, idem)
            }
            fn queued_casings(&self, limit: u32) -> StoreResult<Vec<(String, String)>> {
                self.queued_casings_impl(limit)
            }
            fn save_correlation(&self, c: &Correlated) -> StoreResult<Vec<Event>> {
                self.save_correlation_impl(c)
            }
            fn correlations(
                &self,
                casing_id: &str,
                limit: u32,
                now: DateTime<Utc>,
            ) -> StoreResult<CorrelationList> {
                self.correlations_impl(casing_id, limit, now)
            }
            fn reviews(
                &self,
                q: &ReviewQuery,
                now: DateTime<Utc>,
            ) -> StoreResult<Page<ReviewItem>> {
                self.reviews_impl(q, now)
            }
            fn mark_lead(
                &self,
                casing_id: &str,
                candidate_id: &str,
                m: &LeadMark,
                by: &User,
                idem: Option<&str>,
            ) -> StoreResult<Written<Lead>> {
                self.mark_lead_impl(casing_id, candidate_id, m, by, idem)
            }
            fn decide_lead(
                &self,
                id: &str,
                d: &LeadDecision,
                by: &User,
                idem: Option<&str>,
            ) -> StoreResult<Written<Lead>> {
                self.decide_lead_impl(id, d, by, idem)
            }
            fn cluster(&self, casing_id: &str, viewer: &User) -> StoreResult<Cluster> {
                self.cluster_impl(casing_id, viewer)
            }
            fn list_cases(&self, q: &CaseQuery, viewer: &User) -> StoreResult<Page<Case>> {
                self.list_cases_impl(q, viewer)
            }
            fn get_case(&self, id: &str, viewer: &User) -> StoreResult<Case> {
                self.get_case_impl(id, viewer)
            }
            fn is_member(&self, case_id: &str, viewer: &User) -> StoreResult<bool> {
                self.is_member_impl(case_id, viewer)
            }
            fn create_case(
                &self,
                new: &NewCase,
                by: &User,
                idem: Option<&str>,
            ) -> StoreResult<Written<Case>> {
                self.create_case_impl(new, by, idem)
            }
            fn list_notes(
                &self,
                case_id: &str,
                q: &NoteQuery,
                viewer: &User,
            ) -> StoreResult<Page<Note>> {
                self.list_notes_impl(case_id, q, viewer)
            }
            fn add_note(
                &self,
                case_id: &str,
                new: &NewNote,
                by: &User,
                idem: Option<&str>,
            ) -> StoreResult<Written<Note>> {
                self.add_note_impl(case_id, new, by, idem)
            }
            fn add_link(
                &self,
                case_id: &str,
                link: &NewLink,
                by: &User,
                idem: Option<&str>,
            ) -> StoreResult<Written<Case>> {
                self.add_link_impl(case_id, link, by, idem)
            }
            fn update_case(
                &self,
                case_id: &str,
                upd: &CaseUpdate,
                by: &User,
                idem: Option<&str>,
            ) -> StoreResult<Written<Case>> {
                self.update_case_impl(case_id, upd, by, idem)
            }
            fn add_member(
                &self,
                case_id: &str,
                member: &CaseMember,
                by: &User,
                idem: Option<&str>,
            ) -> StoreResult<Written<Case>> {
                self.add_member_impl(case_id, member, by, idem)
            }
            fn remove_member(
                &self,
                case_id: &str,
                member: &MemberRef,
                by: &User,
            ) -> StoreResult<Written<Case>> {
                self.remove_member_impl(case_id, member, by)
            }
            fn get_note(&self, case_id: &str, note_id: &str, viewer: &User) -> StoreResult<Note> {
                self.get_note_impl(case_id, note_id, viewer)
            }
            fn edit_note(
                &self,
                case_id: &str,
                note_id: &str,
                edit: &NoteEdit,
                by: &User,
                idem: Option<&str>,
            ) -> StoreResult<NoteEditOutcome> {
                self.edit_note_impl(case_id, note_id, edit, by, idem)
            }
            fn note_history(
                &self,
                case_id: &str,
                note_id: &str,
                viewer: &User,
            ) -> StoreResult<Vec<NoteVersion>> {
                self.note_history_impl(case_id, note_id, viewer)
            }
            fn directory(&self) -> StoreResult<Vec<CaseMember>> {
                self.directory_impl()
            }
            fn case_audit(
                &self,
                case_id: &str,
                viewer: &User,
                limit: u32,
            ) -> StoreResult<Vec<AuditEntry>> {
                self.case_audit_impl(case_id, viewer, limit)
            }
            fn graph_neighbors(
                &self,
                q: &NeighborQuery,
                viewer: &User,
            ) -> StoreResult<Neighborhood> {
                self.neighbors_impl(q, viewer)
            }
            fn graph_paths(&self, q: &PathQuery, viewer: &User) -> StoreResult<PathSet> {
                self.paths_impl(q, viewer)
            }
            fn graph_rings(&self, q: &RingQuery) -> StoreResult<Vec<RingSuspect>> {
                self.rings_impl(q)
            }
            fn stats_facts(&self) -> StoreResult<crate::server::stats::facts::Facts> {
                self.stats_facts_impl()
            }
            fn indicted_cases(
                &self,
                viewer: &User,
            ) -> StoreResult<Vec<crate::server::stats::facts::IndictedCase>> {
                self.indicted_cases_impl(viewer)
            }
            fn set_prosecution(
                &self,
                case_id: &str,
                upd: &ProsecutionUpdate,
                by: &User,
                idem: Option<&str>,
            ) -> StoreResult<Written<Case>> {
                self.set_prosecution_impl(case_id, upd, by, idem)
            }
            fn list_watches(&self, owner: &User) -> StoreResult<Vec<Watch>> {
                self.list_watches_impl(owner)
            }
            fn create_watch(
                &self,
                new: &NewWatch,
                by: &User,
                idem: Option<&str>,
            ) -> StoreResult<Written<Watch>> {
                self.create_watch_impl(new, by, idem)
            }
            fn update_watch(&self, id: &str, upd: &WatchUpdate, by: &User) -> StoreResult<Watch> {
                self.update_watch_impl(id, upd, by)
            }
            fn delete_watch(&self, id: &str, by: &User) -> StoreResult<Watch> {
                self.delete_watch_impl(id, by)
            }
            fn active_watches(&self) -> StoreResult<Vec<crate::server::watches::WatchRow>> {
                self.active_watches_impl()
            }
            fn watch_facts(&self, ev: &Event) -> StoreResult<crate::server::watches::Facts> {
                self.watch_facts_impl(ev)
            }
            fn watch_cursor(&self) -> StoreResult<i64> {
                self.watch_cursor_impl()
            }
            fn fire_alerts(
                &self,
                cursor: i64,
                last: i64,
                firings: &[crate::server::watches::Firing],
            ) -> StoreResult<Vec<Event>> {
                self.fire_alerts_impl(cursor, last, firings)
            }
            fn list_alerts(&self, q: &AlertQuery, owner: &User) -> StoreResult<Vec<Alert>> {
                self.list_alerts_impl(q, owner)
            }
            fn mark_alert_read(&self, id: &str, by: &User) -> StoreResult<Alert> {
                self.mark_alert_read_impl(id, by)
            }
        }
    };
}

pub(crate) use delegate_store;

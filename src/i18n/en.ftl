# Firewall Console — English catalogue (Fluent, https://projectfluent.org).
# Every message here exists in es.ftl with the same arguments (checked by a test).
# Arguments are named ($count, $case, …); numbers choose plural forms.
# Hint-line labels (hint-*) follow their key: "o open". Keep them short: a line drops whole
# segments from its end when the terminal is narrow.

## Chrome, queue, trace and overlays
tab-queue = Queue
tab-trace = Trace
demo = SYNTHETIC DEMO DATA
demo-short = SYNTHETIC DATA
online = online
offline = OFFLINE
stale = stale
connecting = connecting…
link-slow = slow link
last-sync = sync
never = never
pending = pending
read-only = READ-ONLY
insecure-http = UNENCRYPTED (--insecure-http)
not-signed-in = not signed in
newest = newest first
oldest = oldest first
filter = filter
no-filter = none
marked = marked
loading = loading…
no-seizures = No seizures match this filter.
total = total
col-id = ID
col-status = Status
col-date = Recovered
col-age = Age
col-place = Place
col-agency = Agency
col-guns = Guns
col-summary = Summary
as-recorded = As recorded
# The system's one-line summary of a seizure, in the reader's language ($how: "; conveyance, concealment" or empty).
seizure-gist = { $kind }: { $firearms ->
    [0] no firearms
    [one] 1 firearm
   *[other] { $firearms } firearms
}{ $how }
items = Items
place = Place
kind = Kind
agency = Agency
occurred = Recovered
conveyance = Conveyance
concealment = Concealment
summary = Summary
linked-traces = Traces
linked-cases = Cases
none-yet = none yet
hint-queue-open = open
hint-queue-filter = filter
hint-queue-toggle-sort = sort
hint-queue-mark = mark
hint-queue-submit-trace = trace
hint-queue-change-status = status
hint-queue-assign-case = case
hint-queue-help = help
hint-seizure-submit-trace = request traces
hint-seizure-change-status = status
hint-seizure-assign-case = assign to case
hint-seizure-copy = copy id
hint-seizure-back = back
recent = Recent traces
search-results = Search: { $query }
same-purchaser = Same purchaser: { $name }
same-dealer = Same dealer: { $name }
col-serial = Serial
col-firearm = Firearm
col-caliber = Caliber
col-ttc = TTC
col-submitted = Submitted
no-traces = No traces found. Search a serial (ABC123, ABC*, *12?4*), a trace number or make:/model:/caliber:.
chain = Chain of distribution
time-to-crime = Time to crime
days = { $days ->
    [one] { $days } day
   *[other] { $days } days
}
short-ttc = SHORT — trafficking indicator
multiple-sales = Multiple-sale reports
no-multiple-sales = none
recovery = Recovery
not-traceable = Not traceable
hint-trace-filter = search
hint-trace-open = open
hint-trace-related-purchaser = same purchaser
hint-trace-related-dealer = same dealer
hint-trace-copy = copy serial
hint-trace-detail-related-purchaser = same purchaser
hint-trace-detail-related-dealer = same dealer
hint-trace-detail-copy = copy serial
hint-trace-detail-back = back
priority = Priority
crime-code = Crime code
requesting-agency = Requested by
help-title = Keys
help-key = Key
help-action = Action
palette-title = Command
filter-title = Filter the queue
filter-hint = status:new agency:… state:"Nuevo León" port:… item:firearm from:2026-01-01 to:… text
search-title = Search traces
search-hint = serial ABC123 · prefix ABC* · wildcard *12?4* · TR-2026-… · make: model: caliber:
filter-unknown-value = { $key }:{ $value } is not a known value
filter-bad-date = Date { $value }: write it as YYYY-MM-DD
filter-no-local-date = Date { $value } does not exist in the local time zone
filter-unknown-term = { $term }: unknown search term
confirm-title = Confirm
confirm-submit = { $count ->
    [one] Submit { $count } trace request (routine, crime code { $code })?
   *[other] Submit { $count } trace requests (routine, crime code { $code })?
}
confirm-hint = y / Enter: yes · n / Esc: no
status-title = Set triage status
case-title = Assign to case
tab-cases = Cases
new-case-title = New case
new-case-hint = Type its title · Enter creates it (you and your agency are members) · Esc cancels
picker-hint = type to filter · ↑↓ choose · Enter select · Esc close
no-matches = no matches
cannot-reach = Cannot reach the server at { $server }.
what-to-do = Check the address (--server or `server` in config.toml) and your network. The console keeps trying and works from its cache meanwhile. Press q to quit.
auth-failed = The server refused the sign-in: { $reason }
auth-what-to-do = Check your token (--token, FWC_TOKEN or token_file in config.toml). Press q to quit.

## Ballistics pane
bal-tab = Ballistics
bal-leads-title = Ballistic leads
bal-pending-only = awaiting review
bal-all-leads = all leads
bal-by-score = best score first
bal-by-age = oldest first
bal-counts = { $shown } shown · { $overdue } overdue (!) — waiting more than { $hours } h
bal-no-leads = No leads to review.
bal-col-lead = Lead
bal-col-casings = Casing ↔ candidate
bal-col-caliber = Caliber
bal-col-score = Score
bal-col-rank = Rank
bal-col-age = Age
bal-col-status = Status
bal-col-decided-by = Decided by
bal-overdue = OVERDUE
hint-leads-open = compare
hint-leads-toggle-sort = sort
hint-leads-toggle-all-leads = pending/all
hint-leads-exclude-lead = exclude
hint-leads-inconclusive-lead = inconclusive
hint-leads-confirm-hit = confirm
hint-leads-help = help
hint-leads-toggle-reviews = to review
hint-comparison-confirm-hit = confirm
hint-comparison-exclude-lead = exclude
hint-comparison-inconclusive-lead = inconclusive
hint-comparison-next-candidate = next candidate
hint-comparison-prev-candidate = previous
hint-comparison-toggle-view = view
hint-comparison-toggle-images = images
hint-comparison-zoom-in = zoom in
hint-comparison-zoom-out = zoom out
hint-comparison-back = back
hint-reviews-open = open list
hint-reviews-toggle-reviews = leads
hint-reviews-refresh = refresh
hint-reviews-help = help
hint-correlations-open = compare
hint-correlations-mark-lead = mark lead
hint-correlations-back = back
hint-correlations-toggle-reviews = leads
hint-review-pair-mark-lead = mark lead
hint-review-pair-next-candidate = next candidate
hint-review-pair-prev-candidate = previous
hint-review-pair-toggle-view = view
hint-review-pair-back = back
bal-review-title = Correlations to review
bal-review-counts = { $shown } lists awaiting review · { $overdue } overdue (!) — { $hours } h from acquisition
bal-review-none = No correlation lists await review.
bal-review-empty = No candidates: nothing earlier of this calibre to compare with.
bal-review-col-incident = Incident
bal-review-col-candidates = Cand.
bal-review-col-best = Best
bal-review-col-clock = Review clock
bal-review-col-cells = Cells
bal-review-col-fmr = FMR
bal-review-col-rotation = Rot.
bal-review-due-in = due in { $age }
bal-review-overdue-by = overdue by { $age }
bal-review-reviewed-by = reviewed by { $user }
bal-review-pair = Candidate #{ $rank }
bal-casing = Casing
bal-candidate = Candidate
bal-view-raw = as imaged
bal-view-aligned = aligned onto the casing
bal-view-difference = difference (dark = marks agree)
bal-zoom = zoom { $factor }×
bal-synthetic = SYNTHETIC IMAGES — generated test data, not real evidence.
bal-no-image = no image
bal-image-on-request = image not drawn ({ $key } draws it)
bal-scores = Scores
bal-breech-face = Breech face
bal-firing-pin = Firing pin
bal-combined = Combined
bal-rank = Rank { $rank } of { $total }
bal-alignment = Alignment { $degrees }° · shift { $dx },{ $dy } px
bal-incidents = Incidents
bal-recovered = recovered
bal-seizure = seizure
bal-cases = cases
bal-none-yet = none
bal-cluster = Cluster of confirmed hits
bal-no-cluster = no confirmed hits yet
bal-cluster-count = { $casings ->
    [one] 1 casing
   *[other] { $casings } casings
} linked by { $hits ->
    [one] 1 hit
   *[other] { $hits } hits
}
bal-decided = Decided by { $examiner }
bal-comment-hint = Enter records the decision with this comment (may be empty) · Esc cancels
bal-comment-confirm = Confirm { $lead } as a hit — comment
bal-comment-exclude = Exclude { $lead } — comment
bal-comment-inconclusive = { $lead } inconclusive — comment
bal-comment-mark = Mark { $casing } ↔ { $candidate } as a lead — comment
bal-comment-mark-hint = Enter marks the lead for an examiner with this comment (required) · Esc cancels

## Cases pane
case-col-title = Title
case-col-lead = Lead agency
case-col-members = Member agencies
case-col-activity = Last activity
case-col-unread = Unread
case-no-cases = You are not a member of any case yet. Press c to start one.
case-draft = draft
hint-cases-open = open
hint-cases-new-case = new case
hint-cases-filter = filter
hint-cases-refresh = refresh
hint-cases-palette = palette
hint-cases-help = help
hint-case-select = select note
hint-case-write-note = write note
hint-case-follow-ref = follow reference
hint-case-back = back
hint-case-help = help
hint-case-supervisor-select = note
hint-case-supervisor-write-note = write
hint-case-supervisor-follow-ref = follow
hint-case-supervisor-members = add/remove member
hint-case-supervisor-audit-trail = audit trail
hint-case-supervisor-stage = prosecution
hint-case-prosecutor-select = note
hint-case-prosecutor-write-note = write
hint-case-prosecutor-stage = prosecution stage
hint-case-prosecutor-follow-ref = follow
hint-case-prosecutor-export = packet
hint-case-prosecutor-back = back
hint-case-supervisor-back = back
case-members = Members
case-evidence = Linked evidence
case-notes = Notes
case-no-notes = No notes yet.
case-no-links = Nothing linked yet.
case-sending = sending…
case-new = new
case-created = opened
case-note-for = Note for { $case }
case-recovered = recovered draft
case-saved = draft saved
case-saving = saving draft…
hint-editor-send = send
hint-editor-close = close (draft kept)
hint-editor-undo = undo
hint-editor-redo = redo
hint-editor-find = find
hint-editor-next-match = next match
case-find = Find (regex), Enter: 
case-bad-pattern = not a valid pattern
case-refs-title = References in notes (follow with f)
case-refs-help = SZ-000123 seizure · TR-2026-0000042 trace · FA-0001234 firearm · #ABC123 serial · BC-000012 casing · BL-000012 ballistic lead
case-edited = edited
case-serial = firearm serial
case-editing = Editing { $note } (from v{ $version })
case-theirs = Current text by { $author } (v{ $version }), changed while you edited
hint-conflict-save = save as next version
hint-conflict-new-note = post as new note
hint-conflict-close = close

## Case members and audit trail (supervisors)
member-add-title = Add a member to { $case }
member-remove-title = Remove a member from { $case }
member-add-hint = An agency alone makes every one of its users a member.
member-confirm-remove = Remove { $member } from { $case }? They lose access to the case and its notes.
member-audit-title = Audit trail of { $case } · { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}, newest first
hint-audit-scroll = scroll
hint-audit-refresh = refresh
hint-audit-close = close
member-no-audit = No recorded access to this case yet.
member-col-when = When
member-col-user = User
member-col-request = Request
member-col-status = Status
member-anonymous = (not signed in)

## Actions: the long labels of the help overlay and the command palette
action-yes = Yes
action-no = No
action-undo = Undo
action-redo = Redo
action-newline = New line
action-delete-char = Delete the character under the cursor
action-delete-word = Delete the word before the cursor
action-delete-to-line-end = Delete to the end of the line
action-cursor-left = Cursor left
action-cursor-right = Cursor right
action-word-left = Previous word
action-word-right = Next word
action-line-start = Start of the line
action-line-end = End of the line
action-find = Find
action-find-next = Find next
action-backspace = Delete the character before the cursor
action-quit = Quit
action-suspend = Suspend to the shell (fg brings it back)
action-next-pane = Next pane
action-prev-pane = Previous pane
action-pane1 = Go to pane 1
action-pane2 = Go to pane 2
action-pane3 = Go to pane 3
action-pane4 = Go to pane 4
action-up = Move up
action-down = Move down
action-top = Go to top
action-bottom = Go to bottom
action-page-up = Page up
action-page-down = Page down
action-open = Open / confirm
action-back = Close / back
action-filter = Filter or search
action-palette = Command palette
action-help = Help
action-copy = Copy id or serial
action-refresh = Refresh
action-toggle-sort = Newest / oldest first
action-mark = Mark for bulk action
action-submit-trace = Request traces
action-change-status = Change triage status
action-assign-case = Assign to case
action-related-purchaser = Traces with same purchaser
action-related-dealer = Traces with same dealer
action-toggle-language = Español / English
action-clear-filter = Clear filter
action-new-case = New case
action-write-note = Write a note in the open case
action-follow-ref = Follow a reference in the selected note
action-edit-note = Edit my selected note
action-export-case = Export the case packet (Markdown file)
action-add-member = Add a member to the case (supervisors)
action-remove-member = Remove a member from the case (supervisors)
action-audit-trail = The case's audit trail (supervisors)
action-toggle-all-leads = Leads: pending / all
action-toggle-view = Cycle comparison view
action-toggle-images = Show or hide the casing images
action-zoom-in = Zoom in
action-zoom-out = Zoom out
action-next-candidate = Next candidate
action-prev-candidate = Previous candidate
action-confirm-hit = Confirm hit (examiner)
action-exclude-lead = Exclude lead
action-inconclusive-lead = Lead inconclusive
action-toggle-reviews = Ballistics: correlations to review / leads
action-mark-lead = Mark the correlation candidate as a lead

triage-new = new
triage-in-review = in review
triage-traces-requested = traces requested
triage-linked = linked
triage-closed = closed

trace-status-submitted = submitted
trace-status-in-progress = in progress
trace-status-completed = completed
trace-status-not-traceable = not traceable

role-manufacturer = Manufacturer
role-importer = Importer
role-distributor = Distributor
role-dealer = Dealer (FFL)
role-purchaser = First purchaser

item-firearm = firearm
item-part = part
item-magazine = magazine
item-ammunition = ammunition

seizure-kind-border-inspection = southbound inspection
seizure-kind-crime-scene = crime scene
seizure-kind-operation = operation

reason-obliterated-serial = obliterated serial
reason-missing-serial = missing serial
reason-insufficient-description = insufficient description
reason-pre-1968 = made before 1968
reason-dealer-records-incomplete = dealer records incomplete
reason-dealer-out-of-business = dealer out of business
reason-foreign-no-importer = foreign, no importer

priority-routine = routine
priority-urgent = URGENT

case-status-open = open
case-status-dormant = dormant
case-status-closed = closed

entity-seizure = seizure
entity-firearm = firearm
entity-trace = trace
entity-casing = casing
entity-lead = ballistic lead
entity-person = person
entity-dealer = dealer

lead-status-pending = pending
lead-status-confirmed = confirmed hit
lead-status-excluded = excluded
lead-status-inconclusive = inconclusive

## Notices: the one-line messages at the foot of the screen
notice-read-only = Read-only session: changes are disabled.
notice-nothing-selected = Nothing selected.
notice-not-here = Not available for this record.
notice-no-firearms = { $seizure } has no firearms to trace.
notice-copied = Copied { $text }
notice-writes-queued = { $count } change(s) queued for sending.
notice-kept-for-other-sign-in = { $count } change(s) queued here by another sign-in are kept; they are sent when that user signs in.
notice-trace-submitted = Trace { $trace } submitted.
notice-status-changed = { $seizure } is now { $status }.
notice-linked = { $what } linked to { $case }.
notice-write-refused = The server refused a change: { $reason }

## Server refusals: one message per stable error code of the API (`ERROR_CODES`); the server's
## own English message follows as detail.
server-refusal = { $text } ({ $detail })
server-error-other = The server refused the request.
server-error-bad-request = The request was malformed.
server-error-invalid = The server did not accept the data sent.
server-error-unauthorized = Your token is missing or not valid.
server-error-forbidden = You do not have access to this.
server-error-not-found = It does not exist on the server.
server-error-conflict = It conflicts with the current state on the server.
server-error-version-conflict = Someone changed it first.
server-error-bad-cursor = The list moved on; reload it.
server-error-too-large = What you sent is too large.
server-error-unsupported-media-type = The server did not understand the format sent.
server-error-rate-limited = Too many requests; wait a moment and try again.
server-error-method-not-allowed = The server does not allow that here.
server-error-audit-unavailable = The server could not record this in the audit trail; try again.
server-error-idempotency-key-reused = This change was already sent with different content.
server-error-uri-too-long = The request address is too long.
server-error-headers-too-large = The request headers are too large.
server-error-internal = The server had a problem; try again later.
server-error-busy = The server stopped a request that took too long; try again in a moment, or narrow it with a filter.
server-error-sign-in-failed = The user name, password or code is wrong.
server-error-account-locked = Too many failed sign-ins: sign-in is locked for a while.
server-error-session-expired = Your session has ended; sign in again.
server-error-password-change-required = Your password is temporary: choose a new one.
notice-back-online = Back online.
notice-went-offline = Server unreachable: your changes are kept and sent when it returns.
notice-language-changed = English
notice-case-created = Case { $case } created.
notice-note-queued = Note queued for sending.
notice-note-posted = Note posted to { $case }.
notice-note-empty = The note is empty.
notice-draft-kept = Draft for { $case } kept; n resumes it.
notice-drafts-waiting = { $count ->
    [one] { $count } unsent note draft kept: open the case and press n.
   *[other] { $count } unsent note drafts kept: open the case and press n.
}
notice-no-references = This note cites no reference.
notice-no-leads-for-casing = No lead was filed for casing { $casing }.
notice-not-yours = Only its author can edit this note.
notice-note-saved = Note { $note } saved.
notice-conflict = { $author } changed the note while you were editing: both texts are shown.
notice-exporting = Exporting { $case }…
notice-exported = Packet written to { $path }
notice-no-case-open = Open a case first (Enter).
notice-supervisors-only = Only a supervisor can manage members or read the audit trail.
notice-member-added = { $member } added to { $case }.
notice-member-removed = { $member } removed from { $case }.
notice-examiner-only = Only a ballistics examiner can confirm a hit.
notice-decision-queued = Decision on { $lead } queued for sending.
notice-lead-decided = Lead { $lead } is now { $status }.
notice-no-more-candidates = No more candidates for this casing.
notice-markers-only = Only a technician or a ballistics examiner can mark a lead.
notice-mark-comment-required = A marked lead needs a comment: say what the side-by-side look showed.
notice-mark-queued = Lead mark on { $candidate } queued for sending.
notice-lead-marked = Lead { $lead } marked for an examiner.

## Start-up warnings: what was ignored, where, and what is used instead
warning-config-unreadable = { $path }: { $error }; using the defaults
warning-config-not-toml = { $origin } is not valid TOML ({ $error }); using the defaults
warning-keys-not-table = { $origin }: [keys] must hold tables such as [keys.global] (action = "key")
warning-config-key-ignored = { $origin }: ignoring `{ $key }`: { $error }
warning-keys-no-context = key bindings: [keys.{ $context }] is not a key context; ignored
warning-keys-no-action = key bindings: [keys.{ $context }] { $action }: no such action; ignored
warning-keys-not-a-key = key bindings: [keys.{ $context }] { $action } ({ $label }) = "{ $key }": not a key name; ignored
warning-keys-collision = key bindings: in [keys.{ $context }] { $key } is bound to both “{ $other_label }” ({ $other }) and “{ $kept_label }” ({ $kept }); “{ $kept_label }” keeps it
warning-keys-not-a-table = key bindings: { $origin }: [keys] { $name } is not a key table; ignored
warning-keys-old-format = key bindings: { $origin }: the flat [keys] table is the old format; { $count ->
    [one] its binding was
   *[other] its { $count } bindings were
} read as [keys.global]. Write them as `action = "key"` under [keys.global] (or a pane's table).
warning-theme-not-found = theme "{ $name }" not found; using dark
warning-theme-invalid = { $origin }: not a valid theme ({ $error }); ignored
warning-theme-colour = { $origin }: role { $role }: colour "{ $colour }" not understood
warning-theme-unknown-role = { $origin }: unknown role "{ $role }"
warning-theme-role = { $origin }: role { $role }: { $error }
warning-cache-unavailable = local cache unavailable ({ $error }); offline changes will not survive a restart

## A note's history (H)
action-note-history = The selected note's versions: who, when, what changed
history-title = History of { $note } · { $count ->
    [one] 1 version
   *[other] { $count } versions
}, oldest first
hint-history-version = version
hint-history-refresh = refresh
hint-history-close = close
history-legend = [-removed-] [+added+]
history-version = Version { $version } — { $who }, { $when }
history-first = As first written:
history-none = No versions to show.
note-edited-by = edited by { $who }, v{ $version }

## Key names, as the keyboard prints them
key-space = Space
key-enter = Enter
key-esc = Esc
key-tab = Tab
key-shift-tab = Shift-Tab
key-backspace = Backspace
key-up = Up
key-down = Down
key-left = Left
key-right = Right
key-home = Home
key-end = End
key-pgup = PgUp
key-pgdn = PgDn
key-delete = Delete
key-insert = Insert
key-ctrl = Ctrl
key-alt = Alt

## Units
age-minutes = { $n }m
age-hours = { $n }h
age-days = { $n }d
age-months = { $n }mo
age-years = { $n }y
ttc-days = TTC { $days }d

## Conveyance and concealment vocabulary (the system's terms, shown in the reader's language)
term-passenger-car = passenger car
term-pickup-truck = pickup truck
term-suv = SUV
term-commercial-bus = commercial bus
term-tractor-trailer = tractor-trailer
term-pedestrian = on foot
term-motorcycle = motorcycle
term-door-panels = door panels
term-spare-tyre = spare tyre
term-fuel-tank = fuel tank
term-rear-seat-cavity = rear seat cavity
term-dashboard-compartment = dashboard compartment
term-quarter-panels = quarter panels
term-truck-bed-toolbox = truck-bed toolbox
term-engine-compartment = engine compartment
term-false-floor = false floor
term-bus-luggage-compartment = bus luggage compartment
term-passenger-luggage = passenger luggage
term-overhead-rack-bags = bags on the overhead rack
term-pallets-household-goods = pallets of household goods
term-false-wall-trailer = false wall in the trailer
term-commercial-cargo = commercial cargo
term-backpack = backpack
term-clothing-taped = under clothing (taped to the body)
term-safe-house = safe house
term-hidden-vehicle-compartment = hidden compartment in a vehicle
term-warehouse = warehouse
term-buried-on-property = buried on a property

## Network pane (5): the links behind an entity, paths between two, suspected rings
net-tab = Network
action-pane5 = Go to pane 5
action-pane6 = Go to pane 6
action-network = Network of the selected record
net-heading = Network of { $id } · { $label } · { $shown ->
    [one] 1 node shown
   *[other] { $shown } nodes shown
}
net-heading-loading = Network of { $id }
net-tree-title = Links
net-empty = Open the network of any record from its pane, or type "network ID" in the command palette (a seizure, firearm, trace, #serial, purchaser, dealer licence, casing, lead or case).
net-links = { $count ->
    [one] 1 link
   *[other] { $count } links
}
net-truncated = (first 200 shown)
net-kind-seizure = Seizure
net-kind-firearm = Firearm
net-kind-person = Purchaser
net-kind-dealer = Dealer
net-kind-casing = Casing
net-kind-case = Case
net-link-bought-by = bought by
net-link-sold-by = sold by
net-link-recovered-in = recovered in
net-link-in-case = in case
net-link-fired-by = fired by
net-link-found-at = found at
net-link-same-gun = same gun
net-flag-short-ttc = TTC<3y
net-flag-multiple-sale = multi-sale
net-flag-multi-scene = several scenes
net-flag-in-case = in your case
hint-network-open = expand/open
hint-network-back = fold
hint-network-network = its network
hint-network-copy = copy id
hint-network-help = help
action-mark-node = Mark a node as the start of a path
action-find-path = Shortest paths from the marked node to this one
action-rings = Suspected rings: straw purchasers and dealers
action-toggle-ring-kind = Rings: purchasers / dealers
notice-net-marked = { $id } marked: select another node and find the paths to it.
notice-net-mark-first = Mark a node first, then find the paths from it.
notice-net-same-node = That is the marked node: select another one.
net-paths-title = Paths from { $from } to { $to }
net-no-path = No path of at most { $hops } links between these two.
net-path-heading = Path { $n } · { $links ->
    [one] 1 link
   *[other] { $links } links
}
net-marked = marked: { $id }
net-rings-purchasers = Suspected straw purchasers
net-rings-dealers = Suspected diverting dealers
net-no-rings = No suspect fits the pattern.
net-factors = Factors
net-col-suspect = Suspect
net-col-name = Name
net-col-traces = Traces
net-col-mexico = MX
net-col-ttc = TTC
net-col-score = Score
net-col-corridor = Corridor
net-days = { $days } d
net-factor-traced-guns = traced guns
net-factor-recovered-in-mexico = recovered in Mexico
net-factor-short-ttc = short TTC
net-factor-under-one-year = under 1 year
net-factor-multiple-sales = multiple sales
net-factor-few-dealers = few dealers
net-factor-one-corridor = one corridor
net-factor-over-represented = over-represented
net-factor-co-purchasers = co-purchasers
net-co-purchasers = With co-purchasers
hint-network-mark-node = mark
hint-network-find-path = paths
hint-network-rings = rings
hint-paths-select = path
hint-paths-copy = copy path
hint-paths-assign-case = add to case
hint-paths-back = back
hint-rings-open = network
hint-rings-toggle-ring-kind = purchasers/dealers
hint-rings-back = back
notice-net-path-queued = Path queued as a note for { $case }.

## Prosecution of cases (S) and the Cases list's filter (/)
action-set-prosecution = Record the case's prosecution stage (supervisors, prosecutors)
case-prosecution = Prosecution
case-col-stage = Prosecution
prosecution-stage-none = not referred
prosecution-stage-referred = referred
prosecution-stage-charged = charged
prosecution-stage-resolved = resolved
case-defendants = { $count ->
    [one] { $count } defendant
   *[other] { $count } defendants
}
case-stage-by = recorded by { $who }
prosecution-title = Prosecution stage of { $case }
prosecution-hint = stage:none|referred|charged|resolved date:YYYY-MM-DD defendants:N office:… · Enter records · Esc cancels
case-filter-title = Filter cases
case-filter-hint = status:open|dormant|closed stage:none|referred|charged|resolved · words of the title or id
case-filtered = filter: { $filter }
notice-stage-not-yours = Only a supervisor or a prosecutor can record a prosecution stage.
notice-stage-input = Not understood: { $term }. For example: stage:charged date:2026-03-01 defendants:4 office:USAO District of Arizona
notice-case-filter-input = Not understood: { $term }. For example: status:open stage:charged Nogales
notice-stage-recorded = { $case } is now { $stage }.

## Outcomes pane (6): the measures of success and the figures behind them
tab-outcomes = Outcomes
outcomes-none = No figures yet: press r to read them.
outcomes-map = Traces by state of recovery
outcomes-traces = traces
outcomes-traced = Guns traced to a first buyer
outcomes-indicted = Networks indicted (your cases)
outcomes-southbound = Southbound seizures
# Short forms of the three measures' titles, for cards too narrow for the full title (80 columns).
outcomes-traced-short = Traced to a buyer
outcomes-indicted-short = Networks indicted
outcomes-southbound-short = Southbound seizures
outcomes-previous = before: { $count }
outcomes-trace-summary = Traces { $traces } · to a buyer { $reached } · US-sourced { $sourced } · to crime ≤1 y { $within1 }, ≤3 y { $within3 }
outcomes-trace-summary-short = Traces { $traces } · to a buyer { $reached } · US-sourced { $sourced }
outcomes-lead-summary = Ballistic leads: { $pending } pending, { $overdue } overdue · median { $median } h to a decision (goal { $goal } h)
outcomes-lead-summary-short = Ballistic leads: { $pending } pending, { $overdue } overdue · median { $median } h
outcomes-traces-monthly = Traces per month
outcomes-southbound-monthly = Southbound seizures per month
outcomes-by-mx-state = By Mexican state of recovery
outcomes-by-us-state = By US state of sale (traces to a buyer)
outcomes-corridors = Corridors: state of sale → state of recovery
outcomes-ports = Southbound seizures by port of entry
# Short forms of the long section titles, for a narrow list (80 columns).
outcomes-by-mx-state-short = By Mexican state
outcomes-by-us-state-short = By US state of sale
outcomes-corridors-short = Corridors: sale → recovery
outcomes-ports-short = Southbound, by port
outcomes-types = Firearm type
outcomes-calibers = Calibre
outcomes-ttc = Time-to-crime
outcomes-ttc-bucket = { $years } years
outcomes-filter-title = Filter the outcomes
outcomes-filter-hint = from:2026-01-01 to:2026-03-31 agency:"FGR Sonora" country:MX · Enter applies · Esc cancels
notice-outcomes-filter-input = Not understood: { $term }. For example: from:2026-01-01 to:2026-03-31 country:MX
notice-outcomes-no-list = No list filters by this bar: Enter opens states and ports in the Queue, calibres and short time-to-crime in Trace.
firearm-type-pistol = pistol
firearm-type-revolver = revolver
firearm-type-rifle = rifle
firearm-type-shotgun = shotgun
firearm-type-machine-gun = machine gun
action-earlier-window = Outcomes: the window before
action-later-window = Outcomes: the window after
action-cycle-country = Outcomes: all countries, Mexico, the US
hint-outcomes-open = open
hint-outcomes-filter = filter
hint-outcomes-earlier-later = earlier/later
hint-outcomes-country = country
hint-outcomes-refresh = refresh
hint-outcomes-help = help
# A measure that was zero in the previous window.
out-change-new = new

## Case packet (`fwc export case`, and the console's export): the system's headings and labels
## around the records, which keep the language they were written in.
packet-title = Case packet { $id } — { $title }
packet-synthetic-title = Synthetic data.
packet-synthetic = Every record in this packet was generated for demonstration; no real person, dealer or event is described.
packet-status = Status
packet-lead-agency = Lead agency
packet-countries = Countries
packet-opened = Opened
packet-last-activity = Last activity
packet-linked-records = Linked records
packet-notes-count = Notes
packet-exported = Exported
packet-exported-by = { $when } by { $who }
packet-members = Members
packet-col-agency = Agency
packet-col-country = Country
packet-col-user = User
packet-whole-agency = whole agency
packet-evidence = Linked evidence
packet-no-links = No records are linked to this case.
packet-col-kind = Kind
packet-col-id = Id
packet-col-description = Description
packet-not-included = Not included
packet-unavailable-forbidden = you may not read it
packet-unavailable-not-found = it no longer exists
packet-seizure = Seizure { $id } — { $place }, { $when }
packet-seizure-by = { $kind } by { $agency } ({ $country }).
packet-firearm-ref = firearm { $id }
packet-trace = Trace { $id } — { $make } { $model } ({ $caliber }), serial { $serial }
packet-recovered = Recovered: { $date } at { $place }
packet-ttc = Time to crime: { $days ->
    [one] { $days } day
   *[other] { $days } days
}
packet-ttc-short = under 3 years, a trafficking indicator
packet-chain = Chain of distribution
packet-multiple-sale = Multiple-sale report { $form }: { $count ->
    [one] { $count } firearm
   *[other] { $count } firearms
} on { $date } at { $dealer }
packet-lead = Ballistic lead { $id } — casing { $casing } ↔ { $candidate }
packet-decided-by = decided by { $who }
packet-scores = Scores: combined { $combined }, breech face { $breech }, firing pin { $pin }; rank { $rank }; { $class } class
packet-examiner-comment = Examiner's comment
packet-notes = Notes ({ $count })
packet-note-edited = edited by { $who } (version { $version }) { $when }
packet-earlier-versions = Earlier versions of { $id }
packet-version = Version { $version } — { $who }, { $when }

## Sign-in: the logon banner, the sign-in form and the idle lock
signin-title = Firewall Console · { $server }
banner-heading = System use notice
banner-loading = Reading the server's notice…
banner-failed = The server's notice could not be read: { $reason }
banner-retry = Press Enter to try again.
hint-banner-accept = I understand and accept
hint-signin-submit = sign in
hint-signin-fields = next/previous field
hint-signin-quit = quit
signin-heading = Sign in
signin-user = User
signin-password = Password
signin-totp = Code
signin-totp-help = the 6-digit code of your authenticator app
signin-busy = Signing in…
locked-heading = Console locked
locked-idle = Locked after { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
} without a key. Records are hidden; your draft and unsent changes are kept.
locked-expired = The server ended your session. Your draft and unsent changes are kept.
locked-who = Signed in as { $user }: enter your password and code to continue.
signin-missing-user = Type your user name.
signin-missing-password = Type your password.
signin-missing-totp = Type the 6-digit code of your authenticator app.
signin-failed = Sign-in failed: the user name, password or code is wrong.
signin-locked = Too many failed sign-ins: sign-in is locked until { $time } UTC. Try again then.
signin-locked-later = Too many failed sign-ins: sign-in is locked for a while. Try again later.
signin-throttled = Too many failed attempts from this computer: try again after { $time } UTC.
signin-throttled-later = Too many failed attempts from this computer: try again in a minute.
signin-password-change = Your password is temporary. Set a new one first: fwc login --server { $server } --user { $user } --new-password-stdin
signin-offline = Cannot reach the server: { $reason }
signin-refused = The server refused the sign-in: { $reason }
notice-unlocked = Signed in again: everything is as you left it.

## Watches and alerts (issue 14)
action-watch = Watch this record or filter (asks for a name)
action-alerts = Alert inbox
action-watches = My watches (rename, pause, delete)
action-mark-read = Mark the alert read
action-rename-watch = Rename the watch
action-pause-watch = Pause or resume the watch
action-delete-watch = Delete the watch
alerts-unread = { $count ->
    [one] ! 1 alert
   *[other] ! { $count } alerts
}
alerts-title = Alerts ({ $count } unread)
alerts-empty = No alerts yet. Press w on a record to watch it.
alerts-hint = Enter opens the record · x marks read · W my watches · Esc closes
watches-title = My watches ({ $count })
watches-empty = No watches. Press w on a record or on the Queue's filter.
watches-hint = e renames · p pauses or resumes · D deletes · Esc closes
watch-paused = paused
watch-fired = { $count ->
    [0] not fired yet
    [one] fired once
   *[other] fired { $count } times
}
watch-new-title = New watch
watch-rename-title = Rename the watch
watch-what = Watch: { $what }  ({ $n } of { $of })
watch-name = Name:
watch-new-hint = Enter saves · Tab: what to watch · Esc cancels
watch-rename-hint = Enter saves · Esc cancels
notice-watch-saved = Watch saved: { $name }

## Importing a spreadsheet into the Queue (issue 14, the Queue's I)
action-import-seizures = Import seizures from a CSV file (checked first)
import-path-title = Import seizures from a CSV file
import-path-label = File (relative to where the console started; ~/ is your home):
import-path-hint = Enter checks the file (nothing is written yet) · Esc cancels
import-title = Import { $file }
import-checking = Reading and checking the file…
import-summary = { $rows ->
    [one] 1 row
   *[other] { $rows } rows
}: { $ok } ok, { $invalid } invalid · { $seizures ->
    [one] 1 seizure
   *[other] { $seizures } seizures
} with { $firearms ->
    [one] 1 firearm
   *[other] { $firearms } firearms
} to record
import-skip = Skip the invalid rows: import only the { $count ->
    [one] valid seizure
   *[other] { $count } valid seizures
}
import-problem = row { $row }, column { $column }: { $message }
import-problem-row = row { $row }: { $message }
import-seizure = row { $rows }: { $date }  { $kind }  { $place }, { $state }  ({ $firearms ->
    [one] 1 firearm
   *[other] { $firearms } firearms
})
hint-import-open = import
hint-import-mark = skip invalid rows
hint-import-back = cancel
hint-import-scroll = scroll
import-progress = Importing { $sent }/{ $total }
notice-import-blocked = { $count ->
    [one] 1 row is invalid
   *[other] { $count } rows are invalid
}: nothing was written. Fix the file, or tick "skip the invalid rows".
notice-import-empty = The file has no valid seizure to import.
notice-import-busy = An import is still being sent.
notice-imported = Imported: { $created } new seizure(s); { $existing } imported before (not written again).
notice-import-stopped = The import stopped after { $sent } seizure(s): { $reason } Importing the file again writes nothing twice.
# The problems of an imported file ($value: the cell as written, a number or a column name).
import-why-control-chars = contains control characters
import-why-too-long = longer than { $value } characters
import-why-missing = missing required field
import-why-not-a-count = "{ $value }" is not a count from 0 to 1000000
import-why-date-in-future = bad date "{ $value }": in the future
import-why-date-before-1900 = bad date "{ $value }": before 1900
import-why-bad-date = bad date "{ $value }": write YYYY-MM-DD, YYYY-MM-DD HH:MM (UTC) or RFC 3339
import-why-unknown-state = unknown state "{ $value }": one of the 32 Mexican states or Texas, Arizona, California, New Mexico
import-why-not-a-country = "{ $value }" is not US or MX
import-why-country-mismatch = does not match the state's country
import-why-bad-kind = "{ $value }" is not border_inspection, crime_scene or operation
import-why-missing-port = missing required field (a border inspection names its port)
import-why-nothing-seized = missing required field: the row names no firearm, magazines, ammunition or parts
import-why-serial-controls = serial contains control characters
import-why-bad-serial = serial "{ $value }" may hold letters, digits, '-' and '?' (unreadable), at most 40
import-why-not-yes-no = "{ $value }" is not yes/no (sí/no)
import-why-bad-type = "{ $value }" is not pistol, revolver, rifle, shotgun or machine_gun
import-why-bad-origin = "{ $value }" is not a two-letter country code
import-why-second-column = a second { $value } column
import-why-unknown-column = unknown column (fwc seizures import --help lists the names)
import-why-missing-column = a required column is missing
import-why-not-csv = not readable as CSV: { $value }
import-why-duplicate = duplicate of row { $value }
import-why-differs-from-ref = differs from row { $value } of the same ref

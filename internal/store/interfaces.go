package store

import (
	"context"
	"time"
)

// Store is everything the server persists. *DB implements it for SQLite
// and PostgreSQL. Methods that take an Actor are audited writes.
type Store interface {
	Users
	Tokens
	Sessions
	Logins
	Setup
	Audit
	Products
	Assessments
	ProbeRuns
	Curated
	Drafts

	// Ready returns nil when the database answers and every migration this
	// binary knows is applied; the server's readiness probe calls it.
	Ready(ctx context.Context) error
	// Dialect is "sqlite" or "postgres".
	Dialect() string
	Close() error
}

// Users manages accounts. Usernames are unique ignoring case.
type Users interface {
	// CreateUser stores u (ID, Created, Updated are set) and returns it.
	// ErrConflict if the username is taken; ErrInvalid if Username, Role or
	// PasswordHash is empty.
	CreateUser(ctx context.Context, by Actor, u User) (User, error)
	// User returns the user with this id, or ErrNotFound.
	User(ctx context.Context, id int64) (User, error)
	// UserByName finds a user ignoring case, or ErrNotFound.
	UserByName(ctx context.Context, username string) (User, error)
	// ListUsers pages through users, newest first.
	ListUsers(ctx context.Context, p Page) (List[User], error)
	// CountUsers counts all users, disabled ones included.
	CountUsers(ctx context.Context) (int, error)
	// SetUserRole changes a role. ErrNotFound if there is no such user.
	SetUserRole(ctx context.Context, by Actor, id int64, role string) error
	// SetUserPassword replaces the password hash and ends every session of
	// the user. ErrNotFound if there is no such user.
	SetUserPassword(ctx context.Context, by Actor, id int64, hash string) error
	// SetUserDisabled disables or enables a user; disabling also ends the
	// user's sessions. Users are never deleted so the audit log stays whole.
	SetUserDisabled(ctx context.Context, by Actor, id int64, disabled bool) error
}

// Tokens manages API tokens, stored by hash.
type Tokens interface {
	// CreateToken stores t (ID, Created set). ErrConflict if the hash
	// exists; ErrNotFound if the user does not; ErrInvalid on empty fields.
	CreateToken(ctx context.Context, by Actor, t APIToken) (APIToken, error)
	// TokenByHash returns the token with this hash, expired or not (the
	// caller checks Expires), or ErrNotFound.
	TokenByHash(ctx context.Context, hash string) (APIToken, error)
	// TokenByID returns the token with this id, or ErrNotFound.
	TokenByID(ctx context.Context, id int64) (APIToken, error)
	// ListTokens lists a user's tokens, newest first.
	ListTokens(ctx context.Context, userID int64) ([]APIToken, error)
	// TouchToken sets LastUsed. Housekeeping: not audited.
	TouchToken(ctx context.Context, id int64, at time.Time) error
	// DeleteToken revokes a token of this user. ErrNotFound if the user has
	// no token with this id.
	DeleteToken(ctx context.Context, by Actor, userID, id int64) error
}

// Sessions manages browser sessions, stored by hash.
type Sessions interface {
	// CreateSession stores s (Created and LastSeen set). ErrConflict if the
	// hash exists, ErrNotFound if the user does not.
	CreateSession(ctx context.Context, by Actor, s Session) (Session, error)
	// SessionByHash returns the session, expired or not, or ErrNotFound.
	SessionByHash(ctx context.Context, hash string) (Session, error)
	// TouchSession sets LastSeen and may extend Expires. Not audited.
	TouchSession(ctx context.Context, hash string, seen, expires time.Time) error
	// DeleteSession ends one session (logout). ErrNotFound if absent.
	DeleteSession(ctx context.Context, by Actor, hash string) error
	// DeleteExpiredSessions removes sessions that expired before now and
	// returns how many. Housekeeping: not audited.
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error)
}

// Logins records password attempts for throttling and lockout. The
// attempts table is itself a log, so these methods write no audit rows.
// Rows are kept until PruneLogins, so failures stay available for review
// after a successful login.
type Logins interface {
	// RecordLogin stores one finished attempt.
	RecordLogin(ctx context.Context, a LoginAttempt) error
	// CountLoginFailures counts failures since the given time for the
	// account (only those after its latest success, which resets the
	// account's count) and, separately, for the source.
	CountLoginFailures(ctx context.Context, account, source string, since time.Time) (LoginFailures, error)
	// BeginLogin counts failures as CountLoginFailures does and, unless
	// the account has maxAccount or the source maxSource, records a as a
	// failure and returns its id, in one transaction that concurrent
	// attempts on the same account or source wait for. So parallel guesses
	// cannot all pass the check before any is counted. With a limit
	// reached nothing is recorded and the id is 0.
	BeginLogin(ctx context.Context, a LoginAttempt, since time.Time, maxAccount, maxSource int) (LoginFailures, int64, error)
	// SucceedLogin marks an attempt begun with BeginLogin as a success.
	// ErrNotFound if there is no such attempt.
	SucceedLogin(ctx context.Context, id int64) error
	// ClearLoginFailures forgets an account's failures (an admin unlock).
	// Audited.
	ClearLoginFailures(ctx context.Context, by Actor, account string) error
	// PruneLogins deletes attempts older than before. Not audited.
	PruneLogins(ctx context.Context, before time.Time) (int64, error)
}

// Setup holds one-time first-start setup tokens, by hash.
type Setup interface {
	// CreateSetupToken stores a setup token's hash valid until expires.
	CreateSetupToken(ctx context.Context, by Actor, hash string, expires time.Time) error
	// CompleteSetup atomically spends the setup token and creates u. If
	// the token is unknown, spent or expired at now it returns ErrNotFound
	// and creates nothing; two concurrent calls cannot both succeed.
	CompleteSetup(ctx context.Context, by Actor, hash string, now time.Time, u User) (User, error)
}

// Audit reads the audit log. Entries are written by the other methods.
type Audit interface {
	// ListAudit pages through entries, newest first.
	ListAudit(ctx context.Context, f AuditFilter, p Page) (List[AuditEntry], error)
}

// Products is the product registry.
type Products interface {
	// CreateProduct stores p (ID, Revision=1, Created, Updated set).
	// ErrConflict if (Manufacturer, Model) exists; ErrInvalid if either is
	// empty or Declaration is not JSON; ErrNotFound if OwnerID is unknown.
	CreateProduct(ctx context.Context, by Actor, p Product) (Product, error)
	// Product returns one product or ErrNotFound.
	Product(ctx context.Context, id int64) (Product, error)
	// ListProducts pages through products, newest first.
	ListProducts(ctx context.Context, f ProductFilter, p Page) (List[Product], error)
	// UpdateProduct replaces the editable fields of p.ID if p.Revision is
	// the stored revision, and returns the new row. ErrNotFound if absent;
	// ErrConflict if the revision is stale or the new name is taken.
	UpdateProduct(ctx context.Context, by Actor, p Product) (Product, error)
	// DeleteProduct removes a product and its assessments; its probe runs
	// stay, detached. ErrNotFound if absent.
	DeleteProduct(ctx context.Context, by Actor, id int64) error
}

// Assessments stores assessment results.
type Assessments interface {
	// CreateAssessment stores a (ID, Created set). ErrNotFound if the
	// product does not exist; ErrInvalid if Verdict is empty or Result is
	// not JSON.
	CreateAssessment(ctx context.Context, by Actor, a Assessment) (Assessment, error)
	// Assessment returns one assessment or ErrNotFound.
	Assessment(ctx context.Context, id int64) (Assessment, error)
	// ListAssessments pages through assessments of a product (0: all).
	ListAssessments(ctx context.Context, productID int64, p Page) (List[Assessment], error)
}

// ProbeRuns stores probe results.
type ProbeRuns interface {
	// CreateProbeRun stores r (ID, Created set). ErrNotFound if ProductID
	// is set and unknown; ErrInvalid if Targets is empty or Result is not
	// JSON.
	CreateProbeRun(ctx context.Context, by Actor, r ProbeRun) (ProbeRun, error)
	// ProbeRun returns one run or ErrNotFound.
	ProbeRun(ctx context.Context, id int64) (ProbeRun, error)
	// ListProbeRuns pages through runs of a product (0: all).
	ListProbeRuns(ctx context.Context, productID int64, p Page) (List[ProbeRun], error)
}

// Curated stores documents, provisions and mappings added by curators.
type Curated interface {
	// CreateCurated stores r (ID, Revision=1, times set). ErrConflict if
	// (Kind, Key) exists; ErrInvalid if Kind is unknown, Key empty, Body
	// not a JSON object or Provenance.Document empty.
	CreateCurated(ctx context.Context, by Actor, r CuratedRecord) (CuratedRecord, error)
	// CuratedByID returns one record or ErrNotFound.
	CuratedByID(ctx context.Context, id int64) (CuratedRecord, error)
	// ListCurated pages through records of a kind ("" for all).
	ListCurated(ctx context.Context, kind string, p Page) (List[CuratedRecord], error)
	// UpdateCurated replaces Body and Provenance when r.Revision matches.
	// ErrNotFound if absent; ErrConflict if the revision is stale.
	UpdateCurated(ctx context.Context, by Actor, r CuratedRecord) (CuratedRecord, error)
	// DeleteCurated removes a record. ErrNotFound if absent.
	DeleteCurated(ctx context.Context, by Actor, id int64) error
}

// Drafts stores ingest drafts for later curation.
type Drafts interface {
	// CreateDraft stores d with Status "new". ErrInvalid if Body is not JSON.
	CreateDraft(ctx context.Context, by Actor, d Draft) (Draft, error)
	// Draft returns one draft or ErrNotFound.
	Draft(ctx context.Context, id int64) (Draft, error)
	// ListDrafts pages through drafts with a status ("" for all).
	ListDrafts(ctx context.Context, status string, p Page) (List[Draft], error)
	// SetDraftStatus moves a draft to accepted or rejected. ErrNotFound if
	// absent; ErrInvalid for an unknown status.
	SetDraftStatus(ctx context.Context, by Actor, id int64, status string) error
}

-- Initial schema, SQLite dialect. Times are TIMESTAMP text in UTC written by
-- the driver; JSON values are TEXT checked with json_valid.
CREATE TABLE users (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	username      TEXT NOT NULL CHECK (username <> ''),
	role          TEXT NOT NULL CHECK (role <> ''),
	password_hash TEXT NOT NULL CHECK (password_hash <> ''),
	disabled      BOOLEAN NOT NULL DEFAULT FALSE,
	created       TIMESTAMP NOT NULL,
	updated       TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX users_username ON users (lower(username));

CREATE TABLE api_tokens (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name      TEXT NOT NULL,
	prefix    TEXT NOT NULL,
	hash      TEXT NOT NULL UNIQUE CHECK (hash <> ''),
	role      TEXT NOT NULL CHECK (role <> ''),
	created   TIMESTAMP NOT NULL,
	last_used TIMESTAMP,
	expires   TIMESTAMP
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE sessions (
	hash      TEXT PRIMARY KEY CHECK (hash <> ''),
	user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created   TIMESTAMP NOT NULL,
	last_seen TIMESTAMP NOT NULL,
	expires   TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires);

CREATE TABLE login_attempts (
	id      INTEGER PRIMARY KEY AUTOINCREMENT,
	account TEXT NOT NULL,
	source  TEXT NOT NULL,
	success BOOLEAN NOT NULL,
	at      TIMESTAMP NOT NULL
);
CREATE INDEX login_attempts_account ON login_attempts (account, at);
CREATE INDEX login_attempts_source ON login_attempts (source, at);
CREATE INDEX login_attempts_at ON login_attempts (at);

CREATE TABLE setup_tokens (
	hash    TEXT PRIMARY KEY CHECK (hash <> ''),
	created TIMESTAMP NOT NULL,
	expires TIMESTAMP NOT NULL
);

CREATE TABLE audit_log (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	at          TIMESTAMP NOT NULL,
	actor_id    INTEGER,
	actor_name  TEXT NOT NULL,
	request_id  TEXT NOT NULL,
	source      TEXT NOT NULL,
	action      TEXT NOT NULL,
	target_type TEXT NOT NULL,
	target_id   TEXT NOT NULL,
	detail      TEXT NOT NULL
);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id);

CREATE TABLE products (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	manufacturer TEXT NOT NULL CHECK (manufacturer <> ''),
	model        TEXT NOT NULL CHECK (model <> ''),
	versions     TEXT NOT NULL CHECK (json_valid(versions)),
	owner_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
	declaration  TEXT CHECK (declaration IS NULL OR json_valid(declaration)),
	revision     INTEGER NOT NULL,
	created      TIMESTAMP NOT NULL,
	updated      TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX products_name ON products (lower(manufacturer), lower(model));
CREATE INDEX products_owner ON products (owner_id);

CREATE TABLE assessments (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
	markets    TEXT NOT NULL CHECK (json_valid(markets)),
	verdict    TEXT NOT NULL CHECK (verdict <> ''),
	result     TEXT NOT NULL CHECK (json_valid(result)),
	created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
	created    TIMESTAMP NOT NULL
);
CREATE INDEX assessments_product ON assessments (product_id, id);

CREATE TABLE probe_runs (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	product_id INTEGER REFERENCES products (id) ON DELETE SET NULL,
	targets    TEXT NOT NULL CHECK (json_valid(targets)),
	result     TEXT NOT NULL CHECK (json_valid(result)),
	created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
	created    TIMESTAMP NOT NULL
);
CREATE INDEX probe_runs_product ON probe_runs (product_id, id);

CREATE TABLE curated_records (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	kind       TEXT NOT NULL CHECK (kind IN ('document', 'provision', 'mapping')),
	record_key TEXT NOT NULL CHECK (record_key <> ''),
	body       TEXT NOT NULL CHECK (json_valid(body)),
	provenance TEXT NOT NULL CHECK (json_valid(provenance)),
	revision   INTEGER NOT NULL,
	created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
	created    TIMESTAMP NOT NULL,
	updated    TIMESTAMP NOT NULL,
	UNIQUE (kind, record_key)
);

CREATE TABLE ingest_drafts (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	source     TEXT NOT NULL,
	status     TEXT NOT NULL CHECK (status IN ('new', 'accepted', 'rejected')),
	body       TEXT NOT NULL CHECK (json_valid(body)),
	created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
	created    TIMESTAMP NOT NULL,
	updated    TIMESTAMP NOT NULL
);
CREATE INDEX ingest_drafts_status ON ingest_drafts (status, id);

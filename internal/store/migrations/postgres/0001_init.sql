-- Initial schema, PostgreSQL dialect. Times are timestamptz; JSON values are
-- json, which keeps the bytes as written (jsonb would reorder keys).
CREATE TABLE users (
	id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	username      TEXT NOT NULL CHECK (username <> ''),
	role          TEXT NOT NULL CHECK (role <> ''),
	password_hash TEXT NOT NULL CHECK (password_hash <> ''),
	disabled      BOOLEAN NOT NULL DEFAULT FALSE,
	created       TIMESTAMPTZ NOT NULL,
	updated       TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX users_username ON users (lower(username));

CREATE TABLE api_tokens (
	id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	user_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name      TEXT NOT NULL,
	prefix    TEXT NOT NULL,
	hash      TEXT NOT NULL UNIQUE CHECK (hash <> ''),
	role      TEXT NOT NULL CHECK (role <> ''),
	created   TIMESTAMPTZ NOT NULL,
	last_used TIMESTAMPTZ,
	expires   TIMESTAMPTZ
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE sessions (
	hash      TEXT PRIMARY KEY CHECK (hash <> ''),
	user_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created   TIMESTAMPTZ NOT NULL,
	last_seen TIMESTAMPTZ NOT NULL,
	expires   TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires);

CREATE TABLE login_attempts (
	id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	account TEXT NOT NULL,
	source  TEXT NOT NULL,
	success BOOLEAN NOT NULL,
	at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_attempts_account ON login_attempts (account, at);
CREATE INDEX login_attempts_source ON login_attempts (source, at);
CREATE INDEX login_attempts_at ON login_attempts (at);

CREATE TABLE setup_tokens (
	hash    TEXT PRIMARY KEY CHECK (hash <> ''),
	created TIMESTAMPTZ NOT NULL,
	expires TIMESTAMPTZ NOT NULL
);

CREATE TABLE audit_log (
	id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at          TIMESTAMPTZ NOT NULL,
	actor_id    BIGINT,
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
	id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	manufacturer TEXT NOT NULL CHECK (manufacturer <> ''),
	model        TEXT NOT NULL CHECK (model <> ''),
	versions     JSON NOT NULL,
	owner_id     BIGINT REFERENCES users (id) ON DELETE SET NULL,
	declaration  JSON,
	revision     BIGINT NOT NULL,
	created      TIMESTAMPTZ NOT NULL,
	updated      TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX products_name ON products (lower(manufacturer), lower(model));
CREATE INDEX products_owner ON products (owner_id);

CREATE TABLE assessments (
	id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
	markets    JSON NOT NULL,
	verdict    TEXT NOT NULL CHECK (verdict <> ''),
	result     JSON NOT NULL,
	created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
	created    TIMESTAMPTZ NOT NULL
);
CREATE INDEX assessments_product ON assessments (product_id, id);

CREATE TABLE probe_runs (
	id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	product_id BIGINT REFERENCES products (id) ON DELETE SET NULL,
	targets    JSON NOT NULL,
	result     JSON NOT NULL,
	created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
	created    TIMESTAMPTZ NOT NULL
);
CREATE INDEX probe_runs_product ON probe_runs (product_id, id);

CREATE TABLE curated_records (
	id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	kind       TEXT NOT NULL CHECK (kind IN ('document', 'provision', 'mapping')),
	record_key TEXT NOT NULL CHECK (record_key <> ''),
	body       JSON NOT NULL,
	provenance JSON NOT NULL,
	revision   BIGINT NOT NULL,
	created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
	created    TIMESTAMPTZ NOT NULL,
	updated    TIMESTAMPTZ NOT NULL,
	UNIQUE (kind, record_key)
);

CREATE TABLE ingest_drafts (
	id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	source     TEXT NOT NULL,
	status     TEXT NOT NULL CHECK (status IN ('new', 'accepted', 'rejected')),
	body       JSON NOT NULL,
	created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
	created    TIMESTAMPTZ NOT NULL,
	updated    TIMESTAMPTZ NOT NULL
);
CREATE INDEX ingest_drafts_status ON ingest_drafts (status, id);

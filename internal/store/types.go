package store

import (
	"encoding/json"
	"time"
)

// User is an account. Role is one of the auth package's roles; the store
// only checks that it is not empty.
type User struct {
	ID           int64     `json:"id"`
	Username     string    `json:"username"` // unique, compared case-insensitively
	Role         string    `json:"role"`
	PasswordHash string    `json:"-"` // encoded hash, never the password
	Disabled     bool      `json:"disabled"`
	Created      time.Time `json:"created"`
	Updated      time.Time `json:"updated"`
}

// APIToken is a bearer token's record. The token itself is shown once at
// creation; only its hash is stored. Prefix is a short, non-secret part of
// the token that lets a user recognise it in a list.
type APIToken struct {
	ID       int64     `json:"id"`
	UserID   int64     `json:"user_id"`
	Name     string    `json:"name"`
	Prefix   string    `json:"prefix"`
	Hash     string    `json:"-"` // unique
	Role     string    `json:"role"`
	Created  time.Time `json:"created"`
	LastUsed time.Time `json:"last_used,omitzero"` // zero if never used
	Expires  time.Time `json:"expires,omitzero"`   // zero if it never expires
}

// Session is a browser login. Hash is the hash of the cookie value.
type Session struct {
	Hash     string    `json:"-"`
	UserID   int64     `json:"user_id"`
	Created  time.Time `json:"created"`
	LastSeen time.Time `json:"last_seen"`
	Expires  time.Time `json:"expires"`
}

// LoginAttempt is one password login, successful or not. Account is the
// username as typed (folded to lower case), even if no such user exists.
type LoginAttempt struct {
	Account string    `json:"account"`
	Source  string    `json:"source"` // client address or network
	Success bool      `json:"success"`
	At      time.Time `json:"at"` // set by the store when zero
}

// LoginFailures counts recent failed logins for throttling and lockout.
type LoginFailures struct {
	Account     int       // failures for the account since the given time
	Source      int       // failures from the source since the given time
	LastAccount time.Time // newest failure for the account, zero if none
	LastSource  time.Time // newest failure from the source, zero if none
}

// AuditEntry records one write: who, what, when, on which target. Detail
// is a short human note and never holds secrets.
type AuditEntry struct {
	ID         int64     `json:"id"`
	At         time.Time `json:"at"`
	ActorID    int64     `json:"actor_id"`
	ActorName  string    `json:"actor"`
	RequestID  string    `json:"request_id,omitempty"`
	Source     string    `json:"source,omitempty"`
	Action     string    `json:"action"` // e.g. "product.create"
	TargetType string    `json:"target_type"`
	TargetID   string    `json:"target_id"`
	Detail     string    `json:"detail,omitempty"`
}

// AuditFilter narrows ListAudit; zero fields match everything.
type AuditFilter struct {
	ActorID    int64
	Action     string
	TargetType string
	TargetID   string
}

// Product is an entry in the product registry. (Manufacturer, Model) is
// unique. Revision starts at 1 and grows by one on every update; an update
// must carry the revision it read.
type Product struct {
	ID           int64           `json:"id"`
	Manufacturer string          `json:"manufacturer"`
	Model        string          `json:"model"`
	Versions     []string        `json:"versions"`
	OwnerID      int64           `json:"owner_id,omitempty"` // 0: no owner
	Declaration  json.RawMessage `json:"declaration,omitempty"`
	Revision     int64           `json:"revision"`
	Created      time.Time       `json:"created"`
	Updated      time.Time       `json:"updated"`
}

// ProductFilter narrows ListProducts; zero fields match everything.
type ProductFilter struct {
	OwnerID      int64
	Manufacturer string // exact, case-insensitive
	Query        string // substring of manufacturer or model, case-insensitive
}

// Assessment is the stored result of assessing a product for markets.
type Assessment struct {
	ID        int64           `json:"id"`
	ProductID int64           `json:"product_id"`
	Markets   []string        `json:"markets"`
	Verdict   string          `json:"verdict"`
	Result    json.RawMessage `json:"result"`
	CreatedBy int64           `json:"created_by,omitempty"`
	Created   time.Time       `json:"created"`
}

// ProbeRun is the stored result of one probe run.
type ProbeRun struct {
	ID        int64           `json:"id"`
	ProductID int64           `json:"product_id,omitempty"` // 0: not tied to a product
	Targets   []string        `json:"targets"`
	Result    json.RawMessage `json:"result"`
	CreatedBy int64           `json:"created_by,omitempty"`
	Created   time.Time       `json:"created"`
}

// Provenance says where a curated fact comes from.
type Provenance struct {
	Document   string `json:"document"`         // title or catalog id of the source
	Clause     string `json:"clause,omitempty"` // clause or section reference
	URL        string `json:"url,omitempty"`
	Unverified bool   `json:"unverified,omitempty"`
	Note       string `json:"note,omitempty"`
}

// Curated record kinds.
const (
	KindDocument  = "document"
	KindProvision = "provision"
	KindMapping   = "mapping"
)

// CuratedRecord is a document, provision or mapping a curator added, kept
// as JSON in the catalog's own shape. (Kind, Key) is unique; Key is the
// record's catalog id.
type CuratedRecord struct {
	ID         int64           `json:"id"`
	Kind       string          `json:"kind"`
	Key        string          `json:"key"`
	Body       json.RawMessage `json:"body"`
	Provenance Provenance      `json:"provenance"`
	Revision   int64           `json:"revision"`
	CreatedBy  int64           `json:"created_by,omitempty"`
	Created    time.Time       `json:"created"`
	Updated    time.Time       `json:"updated"`
}

// Draft states.
const (
	DraftNew      = "new"
	DraftAccepted = "accepted"
	DraftRejected = "rejected"
)

// Draft is an ingest result waiting for a curator.
type Draft struct {
	ID        int64           `json:"id"`
	Source    string          `json:"source"` // file name or URL it came from
	Status    string          `json:"status"`
	Body      json.RawMessage `json:"body"`
	CreatedBy int64           `json:"created_by,omitempty"`
	Created   time.Time       `json:"created"`
	Updated   time.Time       `json:"updated"`
}

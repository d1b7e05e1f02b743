// Package store persists the server's state: accounts, API tokens, sessions,
// login attempts, the audit log, the product registry, assessments, probe
// runs and curated catalog records.
//
// One implementation over database/sql serves both SQLite (modernc.org/sqlite,
// the default) and PostgreSQL (pgx/v5/stdlib). Callers depend on the Store
// interface; errors they can act on are the sentinels ErrNotFound,
// ErrConflict and ErrInvalid, matched with errors.Is.
//
// Guarantees every implementation keeps (the conformance suite checks them):
//   - every write runs in one transaction and appends an audit entry in that
//     same transaction, so a write is never visible without its audit row;
//     the few housekeeping writes that are not audited say so on the method;
//   - a write that returned nil is durable: it survives the process being
//     killed immediately afterwards;
//   - timestamps are set by the store in UTC and returned in UTC;
//   - nothing is cached in process memory, so several servers may share one
//     PostgreSQL database;
//   - secrets never reach the store in clear: passwords, API tokens, session
//     tokens and setup tokens arrive already hashed and are never audited.
package store

import (
	"errors"
)

// Sentinel errors. Implementations wrap them with context; test with errors.Is.
var (
	// ErrNotFound: the row asked for does not exist (or a row it refers to,
	// such as the product of a new assessment, does not exist).
	ErrNotFound = errors.New("not found")
	// ErrConflict: a uniqueness rule was broken (duplicate username,
	// product, curated key) or an update carried a stale Revision.
	ErrConflict = errors.New("conflict")
	// ErrInvalid: the value cannot be stored (empty required field, bad
	// JSON, bad cursor). The message is safe to show a user.
	ErrInvalid = errors.New("invalid")
)

// Actor is who performs a write; it goes into the audit log as given.
type Actor struct {
	UserID    int64  // 0 for the system or an anonymous first-start setup
	Name      string // username, or "system"
	RequestID string // the request id the server logs, if any
	Source    string // client address, if any
}

// System is the actor for writes the server makes on its own.
var System = Actor{Name: "system"}

// Page asks for one page of a list, newest first.
type Page struct {
	Limit  int    // 0 means DefaultLimit; values above MaxLimit are clamped
	Cursor string // opaque; empty for the first page, else a List.Next value
}

// Page size bounds.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// List is one page of results. Next is empty on the last page.
type List[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next,omitempty"`
}

// ValidationError is an ErrInvalid found by the store's own checks. Msg
// names the field and the rule and never holds stored data or driver
// text, so a server may show it to the user (errors.As). Constraint
// failures reported by the database match ErrInvalid but are not
// ValidationErrors.
type ValidationError struct{ Msg string }

func (e *ValidationError) Error() string { return "store: invalid: " + e.Msg }

// Is makes errors.Is(err, ErrInvalid) true.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

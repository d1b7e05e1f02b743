// Package auth holds accounts and access: roles and what they may do,
// password hashing, API tokens and sessions (random secrets shown once and
// stored only as hashes), login throttling and lockout, and the first-start
// setup. All state lives in the store, so several servers can share it.
package auth

import (
	"fmt"
	"slices"
)

// Role is a user's or token's role.
type Role string

// The roles. Viewer reads private pages; curator adds catalog records;
// manufacturer keeps its own products, assessments and probe runs; admin
// does everything, including accounts.
const (
	Viewer       Role = "viewer"
	Curator      Role = "curator"
	Manufacturer Role = "manufacturer"
	Admin        Role = "admin"
)

// Roles lists every role, least powerful first.
var Roles = []Role{Viewer, Curator, Manufacturer, Admin}

// ParseRole accepts a role name.
func ParseRole(s string) (Role, error) {
	if slices.Contains(Roles, Role(s)) {
		return Role(s), nil
	}
	return "", fmt.Errorf("auth: unknown role %q (valid: viewer, curator, manufacturer, admin)", s)
}

// Permission is one thing a role may do.
type Permission string

// The permissions.
const (
	ReadPrivate    Permission = "read-private"    // registry, assessments, probe runs, audit of own writes
	WriteProducts  Permission = "write-products"  // products, assessments, probe runs (own, unless admin)
	Curate         Permission = "curate"          // curated documents, provisions, mappings, drafts
	ManageAccounts Permission = "manage-accounts" // users, roles, other users' tokens, unlocks, audit log
)

var grants = map[Role][]Permission{
	Viewer:       {ReadPrivate},
	Curator:      {ReadPrivate, Curate},
	Manufacturer: {ReadPrivate, WriteProducts},
	Admin:        {ReadPrivate, WriteProducts, Curate, ManageAccounts},
}

// Can reports whether r grants p. Unknown roles grant nothing.
func (r Role) Can(p Permission) bool { return slices.Contains(grants[r], p) }

// Covers reports whether r has every permission of other, so a user with
// role r may hand out a token with role other.
func (r Role) Covers(other Role) bool {
	if _, ok := grants[other]; !ok {
		return false
	}
	for _, p := range grants[other] {
		if !r.Can(p) {
			return false
		}
	}
	return true
}

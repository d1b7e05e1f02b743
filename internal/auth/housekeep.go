package auth

import (
	"context"
	"fmt"
	"time"
)

// LoginRetention is how long login attempts are kept for review before
// Housekeep prunes them. It is far longer than any throttling window.
const LoginRetention = 30 * 24 * time.Hour

// Housekeep deletes expired sessions and login attempts older than
// LoginRetention, and returns how many of each went. Servers call it
// periodically (hourly is plenty); running it on several servers at once
// is harmless.
func (s *Service) Housekeep(ctx context.Context) (sessions, logins int64, err error) {
	now := s.now()
	if sessions, err = s.st.DeleteExpiredSessions(ctx, now); err != nil {
		return 0, 0, fmt.Errorf("auth: housekeeping: %w", err)
	}
	if logins, err = s.st.PruneLogins(ctx, now.Add(-LoginRetention)); err != nil {
		return sessions, 0, fmt.Errorf("auth: housekeeping: %w", err)
	}
	return sessions, logins, nil
}

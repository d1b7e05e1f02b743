package web

import (
	"context"
	"net/http"

	"github.com/bydesign-iot/bydesign/internal/auth"
	"github.com/bydesign-iot/bydesign/internal/store"
)

// ownedProduct loads a product the principal may write to: its owner, or an
// admin. The one place that rule lives; action completes the refusal
// ("add assessments", "assess it").
func (s *Server) ownedProduct(ctx context.Context, p auth.Principal, id int64, action string) (store.Product, error) {
	prod, err := s.st.Product(ctx, id)
	if err != nil {
		return store.Product{}, storeError(err, "product")
	}
	if prod.OwnerID != p.User.ID && !p.Role.Can(auth.ManageAccounts) {
		return store.Product{}, errorf(http.StatusForbidden, "only the product's owner or an admin may "+action)
	}
	return prod, nil
}

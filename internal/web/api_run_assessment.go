package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/bydesign-iot/bydesign/internal/auth"
	"github.com/bydesign-iot/bydesign/internal/store"
)

// runInput is the body of POST /api/v1/products/{id}/assess.
type runInput struct {
	Markets []string `json:"markets"`
	// Date (YYYY-MM-DD) is the day label expiry is judged on, for "would it
	// have passed on the day of sale"; empty is today (UTC).
	Date string `json:"date,omitempty"`
}

// apiRunAssessment assesses the product's stored declaration against the
// chosen markets with the built-in rules, stores the result as a new
// assessment and returns it. Owner or admin only, like posted results.
func (s *Server) apiRunAssessment(w http.ResponseWriter, r *http.Request) {
	p, err := s.apiPrincipal(r, auth.WriteProducts)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, ok := pathID(r.PathValue("id"))
	if !ok {
		s.fail(w, r, errNotFound)
		return
	}
	var in runInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	var day time.Time
	if in.Date != "" {
		if day, err = time.Parse(time.DateOnly, in.Date); err != nil {
			s.fail(w, r, fieldError("date", "%q is not a calendar date in YYYY-MM-DD form", in.Date))
			return
		}
	}
	a, err := s.assessProduct(r, p, id, in.Markets, day)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/products/"+strconv.FormatInt(id, 10)+"/assessments")
	s.writeJSON(w, r, http.StatusCreated, a)
}

// assessProduct is shared by the API and the product page.
func (s *Server) assessProduct(r *http.Request, p auth.Principal, id int64, markets []string, day time.Time) (store.Assessment, error) {
	prod, err := s.ownedProduct(r.Context(), p, id, "assess it")
	if err != nil {
		return store.Assessment{}, err
	}
	// Validate the markets as for a posted result, with a placeholder result.
	a, err := s.assessment(assessmentInput{Markets: markets, Verdict: "pending", Result: json.RawMessage("{}")}, id, p.User.ID)
	if err != nil {
		return a, err
	}
	res, err := s.runAssessment("product-"+strconv.FormatInt(id, 10), prod.Declaration, a.Markets, day)
	if err != nil {
		return a, err
	}
	if a.Result, err = json.Marshal(res); err != nil {
		return a, err
	}
	a.Verdict = res.Verdict.String()
	a, err = s.st.CreateAssessment(r.Context(), s.actor(r, p), a)
	return a, storeErrorOrNil(err, "assessment")
}

func storeErrorOrNil(err error, what string) error {
	if err == nil {
		return nil
	}
	return storeError(err, what)
}

package web

import (
	"net/http"

	"github.com/bydesign-iot/bydesign/internal/store"
)

// writeList answers a page of store records: an error as a bad cursor, an
// empty page as an empty items array, and each record passed through redact
// when it is given (public readers see less).
func writeList[T any](s *Server, w http.ResponseWriter, r *http.Request, list store.List[T], err error, redact func(T) T) {
	if err != nil {
		s.fail(w, r, storeError(err, "cursor"))
		return
	}
	if list.Items == nil {
		list.Items = []T{}
	}
	if redact != nil {
		for i := range list.Items {
			list.Items[i] = redact(list.Items[i])
		}
	}
	s.writeJSON(w, r, http.StatusOK, list)
}

// publicIf returns redact when the reader is public, else nil.
func publicIf[T any](public bool, redact func(T) T) func(T) T {
	if public {
		return redact
	}
	return nil
}

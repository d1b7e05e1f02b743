package web

import (
	_ "embed"
	"net/http"
)

//go:embed openapi.yaml
var openapiDoc []byte

// apiOpenAPI serves the OpenAPI document; a test keeps it in step with
// the registered routes.
func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/yaml")
	w.Write(openapiDoc)
}

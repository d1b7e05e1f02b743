package web

import "net/http"

// route is one registered endpoint. The list is explicit so tests can walk
// it (the OpenAPI document is checked against it both ways) and metrics
// can be keyed by pattern.
type route struct {
	method  string // GET, POST, ...
	path    string // net/http pattern path, e.g. /api/v1/documents/{id}
	handler http.HandlerFunc
	cached  bool // immutable catalog response: cache with an ETag
}

func (r route) pattern() string { return r.method + " " + r.path }

func (r route) api() bool { return len(r.path) >= 8 && r.path[:8] == "/api/v1/" }

// routes lists every endpoint.
func (s *Server) routes() []route {
	return []route{
		// Operations.
		{"GET", "/healthz", s.handleHealth, false},
		{"GET", "/readyz", s.handleReady, false},
		{"GET", "/metrics", s.handleMetrics, false},
		{"GET", "/static/{file}", s.handleStatic, true},

		// Catalog API, read-only and cached.
		{"GET", "/api/v1/openapi.yaml", s.apiOpenAPI, true},
		{"GET", "/api/v1/documents", s.apiDocuments, true},
		{"GET", "/api/v1/documents/{id}", s.apiDocument, true},
		{"GET", "/api/v1/practices", s.apiPractices, true},
		{"GET", "/api/v1/practices/{id}", s.apiPractice, true},
		{"GET", "/api/v1/provisions", s.apiProvisions, true},
		{"GET", "/api/v1/jurisdictions", s.apiJurisdictions, true},
		{"GET", "/api/v1/categories", s.apiCategories, true},
		{"GET", "/api/v1/matrix", s.apiMatrix, true},
		{"GET", "/api/v1/compare", s.apiCompare, true},
		{"GET", "/api/v1/gaps", s.apiGaps, true},
		{"GET", "/api/v1/report/{table}", s.apiReport, true},
		{"GET", "/api/v1/charts/{name}", s.apiChart, true},
		{"GET", "/api/v1/markets", s.apiMarkets, true},
		{"GET", "/api/v1/markets/{id}", s.apiMarket, true},
		{"GET", "/api/v1/crosswalk", s.apiCrosswalk, true},

		// Registry API: reads are public, writes need a bearer token.
		{"GET", "/api/v1/products", s.apiProducts, false},
		{"POST", "/api/v1/products", s.apiCreateProduct, false},
		{"GET", "/api/v1/products/{id}", s.apiProduct, false},
		{"GET", "/api/v1/products/{id}/assessments", s.apiAssessments, false},
		{"POST", "/api/v1/products/{id}/assessments", s.apiCreateAssessment, false},
		{"POST", "/api/v1/products/{id}/assess", s.apiRunAssessment, false},
		{"GET", "/api/v1/probe-runs", s.apiProbeRuns, false},
		{"POST", "/api/v1/probe-runs", s.apiCreateProbeRun, false},
		{"GET", "/api/v1/probe-runs/{id}", s.apiProbeRun, false},
		{"GET", "/api/v1/audit", s.apiAudit, false},
		{"DELETE", "/api/v1/tokens/{id}", s.apiRevokeToken, false},

		// Pages.
		{"GET", "/{$}", s.pageHome, true},
		{"GET", "/documents", s.pageDocuments, true},
		{"GET", "/documents/{id}", s.pageDocument, true},
		{"GET", "/practices", s.pagePractices, true},
		{"GET", "/practices/{id}", s.pagePractice, true},
		{"GET", "/provisions", s.pageProvisions, true},
		{"GET", "/jurisdictions", s.pageJurisdictions, true},
		{"GET", "/coverage", s.pageCoverage, true},
		{"GET", "/compare", s.pageCompare, true},
		{"GET", "/gaps", s.pageGaps, true},
		{"GET", "/markets", s.pageMarkets, true},
		{"GET", "/markets/{id}", s.pageMarket, true},
		{"GET", "/crosswalk", s.pageCrosswalk, true},
		{"GET", "/products", s.pageProducts, false},
		{"GET", "/products/new", s.pageNewProduct, false},
		{"POST", "/products", s.pageCreateProduct, false},
		{"GET", "/products/{id}", s.pageProduct, false},
		{"POST", "/products/{id}/assess", s.pageRunAssessment, false},
		{"GET", "/probe-runs", s.pageProbeRuns, false},
		{"GET", "/probe-runs/{id}", s.pageProbeRun, false},
		{"GET", "/login", s.pageLogin, false},
		{"POST", "/login", s.pageLoginSubmit, false},
		{"POST", "/logout", s.pageLogout, false},
		{"GET", "/account", s.pageAccount, false},
		{"GET", "/audit", s.pageAudit, false},
		{"POST", "/account/tokens", s.pageCreateToken, false},
		{"POST", "/account/tokens/{id}/revoke", s.pageRevokeToken, false},
		{"POST", "/account/password", s.pageChangePassword, false},
		{"POST", "/account/users", s.pageCreateUser, false},
		{"POST", "/account/unlock", s.pageUnlock, false},
		{"GET", "/setup", s.pageSetup, false},
		{"POST", "/setup", s.pageSetupSubmit, false},
	}
}

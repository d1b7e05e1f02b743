package oscal

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/markets"
)

// File is one exported document.
type File struct {
	Name  string `json:"name"`
	Model string `json:"model"` // catalog, profile, mapping-collection
	Title string `json:"title"`
	Data  []byte `json:"-"`
}

// Export builds every OSCAL document for a catalog: the catalog, one
// profile per market or label, the practice mappings, and a crosswalk for
// each pair of documents the dataset links directly, plus o.Pairs. Output is
// deterministic: the same catalog and options give the same bytes.
func Export(c *catalog.Catalog, o Options) ([]File, error) {
	var files []File
	cd, err := BuildCatalog(c, o)
	if err != nil {
		return nil, err
	}
	if files, err = appendFile(files, CatalogFile, "catalog", cd.Catalog.Metadata.Title, cd); err != nil {
		return nil, err
	}
	for i := range c.Profiles {
		p := &c.Profiles[i]
		pd, err := BuildProfile(c, p.ID, o)
		if err != nil {
			return nil, err
		}
		if files, err = appendFile(files, ProfileFile(p.ID), "profile", pd.Profile.Metadata.Title, pd); err != nil {
			return nil, err
		}
	}
	if md := BuildPracticeMappings(c, o); md != nil {
		if files, err = appendFile(files, PracticeMappingFile, "mapping-collection", md.MappingCollection.Metadata.Title, md); err != nil {
			return nil, err
		}
	}
	for _, pair := range markets.WithExtra(markets.LinkedPairs(c), o.Pairs) {
		x, err := markets.Compare(c, pair.A, pair.B)
		if err != nil {
			return nil, fmt.Errorf("oscal: crosswalk %s to %s: %w", pair.A, pair.B, err)
		}
		name := CrosswalkFile(x)
		if slices.ContainsFunc(files, func(f File) bool { return f.Name == name }) {
			continue // the same regimes named two ways
		}
		md, err := BuildCrosswalk(c, x, o)
		if err != nil {
			return nil, err
		}
		if files, err = appendFile(files, name, "mapping-collection", md.MappingCollection.Metadata.Title, md); err != nil {
			return nil, err
		}
	}
	return files, nil
}

func appendFile(files []File, name, model, title string, v any) ([]File, error) {
	data, err := Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("oscal: encode %s: %w", name, err)
	}
	return append(files, File{Name: name, Model: model, Title: title, Data: data}), nil
}

// Marshal encodes an OSCAL document as indented JSON with a final newline,
// leaving <, > and & unescaped so prose reads as written.
func Marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

package catalog

import "regexp"

// JurisdictionInternational is the kind of the jurisdiction that holds
// documents of international standards bodies (ISO/IEC and the like). Such
// a body belongs to no state, so it has no UN M49 region and no regional
// group of the report; analyses by region leave its documents out rather
// than invent a bucket for them.
const JurisdictionInternational = "international"

// JurisdictionKinds are the kinds a jurisdiction may declare; the empty
// kind is a state, a sub-national state or a union of states.
var JurisdictionKinds = []string{JurisdictionInternational}

// intlRE is the id form of an international jurisdiction: three capital
// letters (INT), which no ISO 3166 alpha-2 code or subdivision can be.
var intlRE = regexp.MustCompile(`^[A-Z]{3}$`)

// Regional reports whether j has a place in the regional groupings (the
// report's regional group and UN M49): every jurisdiction but an
// international one.
func (j *Jurisdiction) Regional() bool { return j.Kind != JurisdictionInternational }

// validateJurisdiction checks one jurisdiction. A regional one needs an ISO
// 3166 id (or EU), a group and an M49 region; an international one must
// leave group and M49 out, so that a forgotten region on a country is still
// an error and not read as "international".
func (c *Catalog) validateJurisdiction(errs *errorList, j *Jurisdiction) {
	c.need(errs, j.Pos, "name", j.Name)
	c.checkSource(errs, j.Pos, "source", j.Source)
	switch j.Kind {
	case "":
		if !jurRE.MatchString(j.ID) {
			errs.add(j.Pos, "id", "jurisdiction id %q is not an ISO 3166 code or EU", j.ID)
		}
		c.need(errs, j.Pos, "group", j.Group)
		c.need(errs, j.Pos, "m49", j.M49.Region)
		c.checkSource(errs, j.Pos, "m49", j.M49.Source)
	case JurisdictionInternational:
		if !intlRE.MatchString(j.ID) {
			errs.add(j.Pos, "id", "international jurisdiction id %q is not three capital letters (such as INT)", j.ID)
		}
		if j.Group != "" {
			errs.add(j.Pos, "group", "an international jurisdiction has no regional group; remove %q", j.Group)
		}
		if j.M49 != (M49{}) {
			errs.add(j.Pos, "m49", "an international jurisdiction has no UN M49 region; remove it")
		}
		if j.Parent != "" {
			errs.add(j.Pos, "parent", "an international jurisdiction has no parent; remove %q", j.Parent)
		}
	default:
		errs.add(j.Pos, "kind", "unknown jurisdiction kind %q (valid: %s, or none for a state)", j.Kind, JurisdictionInternational)
	}
	if j.Parent != "" {
		if _, ok := c.jurIdx[j.Parent]; !ok {
			errs.add(j.Pos, "parent", "unknown jurisdiction %q", j.Parent)
		}
	}
}

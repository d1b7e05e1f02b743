// Command compare supports bench/probe/run.sh: it writes the probe's
// built-in credential list in nmap's brute.credfile format, lists fleet
// addresses, and compares bydesign's JSON result with nmap's XML output.
package main

import (
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"net/netip"
	"os"
	"slices"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/devicelab"
	"github.com/bydesign-iot/bydesign/internal/probe/check"
)

func main() {
	credfile := flag.String("credfile", "", "write the built-in credential list as user/password lines to this file")
	base := flag.String("base", "", "print fleet addresses from this base (with -count)")
	count := flag.Int("count", 0, "number of fleet addresses")
	nmapXML := flag.String("nmap", "", "nmap XML output")
	bdJSON := flag.String("bydesign", "", "bydesign probe JSON output")
	flag.Parse()
	if err := run(*credfile, *base, *count, *nmapXML, *bdJSON); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

func run(credfile, base string, count int, nmapXML, bdJSON string) error {
	switch {
	case credfile != "":
		es, err := check.BuiltinCredentials()
		if err != nil {
			return err
		}
		var b strings.Builder
		for _, e := range es {
			fmt.Fprintf(&b, "%s/%s\n", e.User, e.Password)
		}
		return os.WriteFile(credfile, []byte(b.String()), 0o600)
	case base != "":
		a, err := netip.ParseAddr(base)
		if err != nil {
			return err
		}
		addrs, err := devicelab.FleetAddrs(a, count)
		if err != nil {
			return err
		}
		for _, a := range addrs {
			fmt.Println(a)
		}
		return nil
	case nmapXML != "" && bdJSON != "":
		return compare(nmapXML, bdJSON)
	}
	return fmt.Errorf("give -credfile, -base with -count, or -nmap with -bydesign")
}

type nmapRun struct {
	Hosts []struct {
		Addrs []struct {
			Addr string `xml:"addr,attr"`
		} `xml:"address"`
		Ports []struct {
			Port  int `xml:"portid,attr"`
			State struct {
				State string `xml:"state,attr"`
			} `xml:"state"`
			Service struct {
				Name    string `xml:"name,attr"`
				Product string `xml:"product,attr"`
				Version string `xml:"version,attr"`
			} `xml:"service"`
			Scripts []struct {
				ID     string `xml:"id,attr"`
				Output string `xml:"output,attr"`
			} `xml:"script"`
		} `xml:"ports>port"`
	} `xml:"host"`
}

type bdReport struct {
	Targets []struct {
		Address  string `json:"address"`
		Findings []struct {
			Check  string `json:"check"`
			Status string `json:"status"`
			Port   int    `json:"port"`
		} `json:"findings"`
	} `json:"targets"`
}

// compare prints, per kind of finding, the address:port pairs only one
// tool reported, and totals.
func compare(nmapXML, bdJSON string) error {
	nb, err := os.ReadFile(nmapXML)
	if err != nil {
		return err
	}
	var nr nmapRun
	if err := xml.Unmarshal(nb, &nr); err != nil {
		return fmt.Errorf("%s: %w", nmapXML, err)
	}
	bb, err := os.ReadFile(bdJSON)
	if err != nil {
		return err
	}
	var br bdReport
	if err := json.Unmarshal(bb, &br); err != nil {
		return fmt.Errorf("%s: %w", bdJSON, err)
	}
	nOpen, nCreds, nVersion := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, h := range nr.Hosts {
		if len(h.Addrs) == 0 {
			continue
		}
		for _, p := range h.Ports {
			key := fmt.Sprintf("%s:%d", h.Addrs[0].Addr, p.Port)
			if p.State.State != "open" {
				continue
			}
			nOpen[key] = true
			if p.Service.Version != "" {
				nVersion[key] = true
			}
			for _, s := range p.Scripts {
				if strings.HasSuffix(s.ID, "-brute") && strings.Contains(s.Output, "Valid credentials") {
					nCreds[key] = true
				}
			}
		}
	}
	bOpen, bCreds, bVersion := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, t := range br.Targets {
		for _, f := range t.Findings {
			key := fmt.Sprintf("%s:%d", t.Address, f.Port)
			switch {
			case f.Check == "open-ports":
				bOpen[key] = true
			case f.Check == "default-credentials" && f.Status == "fail":
				bCreds[key] = true
			case f.Check == "version-disclosure" && f.Status == "fail":
				bVersion[key] = true
			}
		}
	}
	missed := 0
	for _, k := range []struct {
		name     string
		nmap, bd map[string]bool
	}{{"open port", nOpen, bOpen}, {"default credentials", nCreds, bCreds}, {"version disclosed", nVersion, bVersion}} {
		onlyN, onlyB := diff(k.nmap, k.bd), diff(k.bd, k.nmap)
		fmt.Printf("%-20s nmap %4d  bydesign %4d  only nmap %4d  only bydesign %4d\n", k.name, len(k.nmap), len(k.bd), len(onlyN), len(onlyB))
		for i, x := range onlyN {
			if i == 5 {
				fmt.Printf("    ... %d more\n", len(onlyN)-5)
				break
			}
			fmt.Printf("    only nmap: %s\n", x)
		}
		for i, x := range onlyB {
			if i == 5 {
				fmt.Printf("    ... %d more\n", len(onlyB)-5)
				break
			}
			fmt.Printf("    only bydesign: %s\n", x)
		}
		missed += len(onlyN)
	}
	fmt.Printf("findings bydesign missed that nmap reported: %d\n", missed)
	return nil
}

func diff(a, b map[string]bool) []string {
	var out []string
	for k := range a {
		if !b[k] {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

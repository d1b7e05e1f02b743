package store

import (
	"encoding/json"
	"fmt"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkStore measures the store's hot paths on each backend:
//
//	go test -run '^$' -bench . -benchtime 2s ./internal/store/
//
// with BYDESIGN_TEST_POSTGRES set to include PostgreSQL.
func BenchmarkStore(b *testing.B) {
	decl := json.RawMessage(`{"manufacturer":"Acme","model":"Cam","claims":{"unique_passwords":true,"update_policy_months":60}}`)
	for _, be := range backends(b) {
		b.Run(be.name, func(b *testing.B) {
			d := openDB(b, be)
			var ids []int64
			for i := range 1000 {
				p, err := d.CreateProduct(ctx, System, Product{Manufacturer: "Seed", Model: fmt.Sprint("m", i), Versions: []string{"1.0"}, Declaration: decl})
				if err != nil {
					b.Fatal(err)
				}
				ids = append(ids, p.ID)
			}
			u, _ := d.CreateUser(ctx, System, User{Username: "bench", Role: "viewer", PasswordHash: "h"})
			d.CreateSession(ctx, System, Session{Hash: "benchsession", UserID: u.ID, Expires: time.Now().Add(time.Hour)})
			var n atomic.Int64

			b.Run("CreateProduct", func(b *testing.B) {
				for b.Loop() {
					if _, err := d.CreateProduct(ctx, System, Product{Manufacturer: "B", Model: fmt.Sprint("c", n.Add(1)), Declaration: decl}); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("CreateProductParallel", func(b *testing.B) {
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						if _, err := d.CreateProduct(ctx, System, Product{Manufacturer: "P", Model: fmt.Sprint("p", n.Add(1)), Declaration: decl}); err != nil {
							b.Error(err)
							return
						}
					}
				})
			})
			b.Run("GetProduct", func(b *testing.B) {
				i := 0
				for b.Loop() {
					if _, err := d.Product(ctx, ids[i%len(ids)]); err != nil {
						b.Fatal(err)
					}
					i++
				}
			})
			b.Run("GetProductParallel", func(b *testing.B) {
				b.RunParallel(func(pb *testing.PB) {
					i := 0
					for pb.Next() {
						if _, err := d.Product(ctx, ids[i%len(ids)]); err != nil {
							b.Error(err)
							return
						}
						i++
					}
				})
			})
			b.Run("ListProducts50", func(b *testing.B) {
				for b.Loop() {
					if _, err := d.ListProducts(ctx, ProductFilter{}, Page{Limit: 50}); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("SessionByHash", func(b *testing.B) {
				for b.Loop() {
					if _, err := d.SessionByHash(ctx, "benchsession"); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

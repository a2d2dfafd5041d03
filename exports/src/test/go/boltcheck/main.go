// boltcheck opens a bbolt file with the bbolt library itself (read-only, as Trivy opens trivy.db),
// runs its consistency check, and prints one line per key in bucket order:
//   <bucket path: names in hex, '/'-joined> TAB <key in hex> TAB <sha256 of the value, or "bucket">
// The exports tests compare this listing with what the project's own reader reads.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strings"

	bolt "go.etcd.io/bbolt"
)

func walk(prefix []string, b *bolt.Bucket, out *strings.Builder) error {
	return b.ForEach(func(k, v []byte) error {
		path := strings.Join(prefix, "/")
		if v == nil {
			fmt.Fprintf(out, "%s\t%x\tbucket\n", path, k)
			return walk(append(prefix, hex.EncodeToString(k)), b.Bucket(k), out)
		}
		sum := sha256.Sum256(v)
		fmt.Fprintf(out, "%s\t%x\t%s\n", path, k, hex.EncodeToString(sum[:]))
		return nil
	})
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: boltcheck FILE")
		os.Exit(2)
	}
	db, err := bolt.Open(os.Args[1], 0o444, &bolt.Options{ReadOnly: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		os.Exit(1)
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		problems := 0
		for e := range tx.Check() {
			fmt.Fprintln(os.Stderr, "check:", e)
			problems++
		}
		if problems > 0 {
			return fmt.Errorf("%d consistency problem(s)", problems)
		}
		var out strings.Builder
		err := tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			fmt.Fprintf(&out, "\t%x\tbucket\n", name)
			return walk([]string{hex.EncodeToString(name)}, b, &out)
		})
		os.Stdout.WriteString(out.String())
		return err
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

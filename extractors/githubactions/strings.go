package githubactions

import (
	"reflect"

	"github.com/rhysd/actionlint"
)

// stringField is one string of the workflow's syntax tree. condition is set
// for if: fields, whose value is an expression even without ${{ }}.
type stringField struct {
	value     string
	condition bool
}

var stringType = reflect.TypeFor[actionlint.String]()

// collectStrings gathers every string under a node of actionlint's syntax
// tree. Walking the tree generically keeps secrets found wherever a job
// names them (env, with, run, container credentials, reusable workflow
// inputs) without listing each field, including fields a later actionlint
// adds.
func collectStrings(root any) []stringField {
	var out []stringField
	seen := map[uintptr]bool{}
	var walk func(v reflect.Value, condition bool)
	walk = func(v reflect.Value, condition bool) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if v.IsNil() {
				return
			}
			if v.Kind() == reflect.Pointer {
				if seen[v.Pointer()] {
					return
				}
				seen[v.Pointer()] = true
			}
			walk(v.Elem(), condition)
		case reflect.Struct:
			if v.Type() == stringType {
				out = append(out, stringField{value: v.FieldByName("Value").String(), condition: condition})
				return
			}
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i), v.Type().Field(i).Name == "If")
				}
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), false)
			}
		case reflect.Map:
			iter := v.MapRange()
			for iter.Next() {
				walk(iter.Value(), false)
			}
		}
	}
	walk(reflect.ValueOf(root), false)
	return out
}

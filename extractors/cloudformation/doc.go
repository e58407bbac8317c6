// Package cloudformation extracts the resources of AWS CloudFormation and
// SAM templates, YAML or JSON, with the same exposure facts the Terraform
// extractor lifts: public buckets, open security groups, public databases,
// IAM wildcards, unauthenticated APIs and internet-facing load balancers.
//
// Templates are read with yaml.v3's node API, which keeps every line and the
// short-form intrinsic tags (!Ref, !Sub, !GetAtt, ...). An intrinsic
// function is never evaluated: its value is unknown.
package cloudformation

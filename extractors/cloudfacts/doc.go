// Package cloudfacts holds what the Terraform and CloudFormation extractors
// share: the names of the exposure facts they lift from resources, the
// three-valued answers those facts take, and the reading of IAM policy
// documents and ingress rules. Keeping one definition means a rule written
// against a fact reads Terraform and CloudFormation items alike.
package cloudfacts

# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/hashicorp/google" {
  version = "5.30.0"
  hashes = [
    "h1:Vt3MLSWTXHSX2VSGjnGnj0Hwqjh5Jcbk1TzBPO4Dl5Q=",
  ]
}

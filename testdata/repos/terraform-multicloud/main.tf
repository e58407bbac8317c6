module "network" {
  source = "./modules/network"
  cidr   = "10.20.0.0/16"
}

module "aws" {
  source      = "./aws"
  environment = var.environment
}

module "labels" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
}

module "bastion" {
  source = "git::https://github.com/acme/terraform-bastion.git?ref=v2.1.0"
}

module "logging" {
  source  = "terraform-google-modules/log-export/google"
  version = "~> 7.0"
}

variable "environment" {
  type    = string
  default = "staging"
}

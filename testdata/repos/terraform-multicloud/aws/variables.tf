variable "environment" {
  type = string
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "db_password" {
  type      = string
  sensitive = true
}

variable "admin_cidr" {
  type    = string
  default = "0.0.0.0/0"
}

variable "private_subnets" {
  type = list(string)
}

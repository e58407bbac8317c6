variable "sql_password" {
  type      = string
  sensitive = true
}

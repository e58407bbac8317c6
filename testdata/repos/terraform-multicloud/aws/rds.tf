resource "aws_db_instance" "orders" {
  identifier          = "acme-orders"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "acme"
  password            = var.db_password
  publicly_accessible = true
  skip_final_snapshot = true
}

resource "aws_security_group" "db" {
  name = "acme-db"

  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

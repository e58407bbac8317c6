resource "aws_s3_bucket" "logs" {
  bucket = "shop-logs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_route_table" "private" {
  vpc_id = "vpc-123"
}

resource "aws_db_subnet_group" "orders" {
  subnet_ids = ["subnet-1", "subnet-2"]
}

resource "aws_db_instance" "orders" {
  engine               = "postgres"
  instance_class       = "db.t3.micro"
  storage_encrypted    = true
  db_subnet_group_name = aws_db_subnet_group.orders.name
}

resource "aws_lb" "web" {
  name     = "web"
  internal = false
}

resource "aws_security_group" "web" {
  name = "web"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "admin" {
  name = "admin"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}

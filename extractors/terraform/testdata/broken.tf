resource "aws_s3_bucket" "kept" {
  acl = "public-read"
}

resource "aws_security_group" "cut" {
  ingress {
    from_port = 22
    cidr_blocks = ["0.0.0.0/0"
  }
}

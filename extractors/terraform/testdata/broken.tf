resource "aws_s3_bucket" "kept" {
  acl = "public-read"
}

resource "aws_security_group" "cut" {
  ingress {
    from_port = 22
    cidr_blocks = ["0.0.0.0/0"
  }
}

# Read again on its own: the error above does not hide what follows, and a
# heredoc that holds Terraform code is not taken for blocks.
resource "aws_instance" "script" {
  user_data = <<EOT
resource "aws_s3_bucket" "not_a_block" {
}
EOT
}

resource "aws_db_instance" "after" {
  publicly_accessible = var.public
}

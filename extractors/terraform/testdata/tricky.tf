/* Everything here depends on something the file does not say. */

variable "ingress" {
  type    = list(any)
  default = []
}

resource "aws_security_group" "dynamic" {
  dynamic "ingress" {
    for_each = var.ingress
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = ingress.value.cidrs
    }
  }
}

resource "aws_security_group" "listed" {
  ingress = [{
    from_port        = 6379
    to_port          = 6379
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = []
  }]
}

resource "aws_security_group" "variable" {
  ingress = var.ingress
}

resource "aws_db_instance" "replicas" {
  for_each            = toset(["a", "b"])
  publicly_accessible = local.public
  storage_encrypted   = null
}

resource "aws_s3_bucket_acl" "maybe" {
  bucket = "literal-name"
  acl    = "${var.acl}"
}

resource "aws_lb" "maybe" {
  internal = var.internal
}

resource "aws_iam_policy" "templated" {
  policy = templatefile("${path.module}/policy.json", {})
}

resource "aws_iam_policy" "services" {
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = "${var.service}:*"
      Resource = aws_dynamodb_table.orders.arn
    }]
  })
}

resource "aws_apigatewayv2_route" "default" {
  route_key = "$default"
}

    resource   "aws_eip"   "odd"   {
  count = 2
    }

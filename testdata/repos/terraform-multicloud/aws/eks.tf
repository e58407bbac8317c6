resource "aws_iam_role" "eks" {
  name               = "acme-eks"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_eks_cluster" "shop" {
  name     = "acme-shop"
  role_arn = aws_iam_role.eks.arn
  version  = "1.29"

  vpc_config {
    subnet_ids              = var.private_subnets
    endpoint_private_access = true
    endpoint_public_access  = true
    public_access_cidrs     = ["0.0.0.0/0"]
  }
}

module "db" {
  source = "./modules/db"
}

module "network" {
  source = "./modules/network"
}

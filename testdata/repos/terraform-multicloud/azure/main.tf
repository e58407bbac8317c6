provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "acme" {
  name     = "acme"
  location = "westeurope"
}

resource "azurerm_network_security_group" "vm" {
  name                = "acme-vm"
  location            = azurerm_resource_group.acme.location
  resource_group_name = azurerm_resource_group.acme.name

  security_rule {
    name                       = "ssh"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}

resource "azurerm_storage_account" "files" {
  name                            = "acmefiles"
  resource_group_name             = azurerm_resource_group.acme.name
  location                        = azurerm_resource_group.acme.location
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = true
}

resource "azurerm_storage_container" "files" {
  name                  = "files"
  storage_account_name  = azurerm_storage_account.files.name
  container_access_type = "blob"
}

resource "azurerm_mssql_server" "sql" {
  name                          = "acme-sql"
  resource_group_name           = azurerm_resource_group.acme.name
  location                      = azurerm_resource_group.acme.location
  version                       = "12.0"
  administrator_login           = "acme"
  administrator_login_password  = var.sql_password
  public_network_access_enabled = true
}

resource "azurerm_public_ip" "vm" {
  name                = "acme-vm"
  resource_group_name = azurerm_resource_group.acme.name
  location            = azurerm_resource_group.acme.location
  allocation_method   = "Static"
}

resource "azurerm_network_security_group" "web" {
  name = "web"

  security_rule {
    name                       = "rdp"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3389"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "deny-all"
    priority                   = 4096
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_rule" "https" {
  name                        = "https"
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  destination_port_ranges     = ["443", "8443"]
  source_address_prefix       = "Internet"
  network_security_group_name = azurerm_network_security_group.web.name
}

resource "azurerm_public_ip" "lb" {
  name              = "lb"
  allocation_method = "Static"
}

resource "azurerm_storage_account" "logs" {
  name                            = "acmelogs"
  allow_nested_items_to_be_public = true
  public_network_access_enabled   = true
}

resource "azurerm_storage_container" "logs" {
  name                  = "logs"
  container_access_type = "container"
}

resource "azurerm_mssql_server" "sql" {
  name                          = "acme-sql"
  public_network_access_enabled = false
}

resource "azurerm_mssql_firewall_rule" "all" {
  server_id        = azurerm_mssql_server.sql.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}

resource "azurerm_role_definition" "god" {
  name  = "god"
  scope = data.azurerm_subscription.primary.id
  permissions {
    actions = ["*"]
  }
}

resource "google_storage_bucket" "assets" {
  name     = "acme-assets"
  location = "EU"
}

resource "google_storage_bucket_iam_member" "assets_public" {
  bucket = google_storage_bucket.assets.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

resource "google_storage_bucket" "private" {
  name                     = "acme-private"
  public_access_prevention = "enforced"
}

resource "google_compute_firewall" "ssh" {
  name    = "allow-ssh"
  network = "default"
  allow {
    protocol = "tcp"
    ports    = ["22", "8000-8080"]
  }
  source_ranges = ["0.0.0.0/0"]
}

resource "google_compute_firewall" "internal" {
  name          = "allow-internal"
  network       = "default"
  source_ranges = ["10.128.0.0/9"]
  allow {
    protocol = "icmp"
  }
}

resource "google_compute_firewall" "egress" {
  direction = "EGRESS"
  allow {
    protocol = "all"
  }
}

resource "google_compute_address" "ip" {
  name = "web"
}

resource "google_compute_instance" "vm" {
  name = "vm"
  network_interface {
    network = "default"
    access_config {}
  }
}

resource "google_sql_database_instance" "db" {
  database_version = "POSTGRES_15"
  settings {
    tier = "db-f1-micro"
    ip_configuration {
      ipv4_enabled = true
      authorized_networks {
        name  = "anyone"
        value = "0.0.0.0/0"
      }
    }
  }
}

resource "google_project_iam_member" "ci" {
  project = var.project
  role    = "roles/owner"
  member  = "serviceAccount:ci@acme.iam.gserviceaccount.com"
}

resource "google_container_cluster" "open" {
  name = "open"
  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = "10.0.0.0/8"
      display_name = "vpc"
    }
    cidr_blocks {
      cidr_block   = "0.0.0.0/0"
      display_name = "anyone"
    }
  }
}

resource "google_container_cluster" "default" {
  name = "default"
}

resource "google_container_cluster" "private" {
  name = "private"
  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = true
  }
}

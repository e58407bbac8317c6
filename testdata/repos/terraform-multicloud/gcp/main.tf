provider "google" {
  project = var.project
  region  = "europe-west1"
}

resource "google_storage_bucket" "exports" {
  name          = "${var.project}-exports"
  location      = "EU"
  force_destroy = true
}

resource "google_storage_bucket_iam_binding" "exports_public" {
  bucket  = google_storage_bucket.exports.name
  role    = "roles/storage.objectViewer"
  members = ["allUsers"]
}

resource "google_compute_firewall" "allow_all" {
  name    = "acme-allow-all"
  network = "default"

  allow {
    protocol = "tcp"
    ports    = ["0-65535"]
  }

  source_ranges = ["0.0.0.0/0"]
}

resource "google_sql_database_instance" "main" {
  name             = "acme-main"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"

  settings {
    tier = "db-f1-micro"
    ip_configuration {
      ipv4_enabled = true
      authorized_networks {
        name  = "everyone"
        value = "0.0.0.0/0"
      }
    }
  }
}

resource "google_compute_instance" "worker" {
  name         = "acme-worker"
  machine_type = "e2-small"
  zone         = "europe-west1-b"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    network = "default"
    access_config {}
  }
}

resource "google_container_cluster" "batch" {
  name               = "acme-batch"
  location           = "europe-west1"
  initial_node_count = 1

  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = "0.0.0.0/0"
      display_name = "everyone"
    }
  }
}

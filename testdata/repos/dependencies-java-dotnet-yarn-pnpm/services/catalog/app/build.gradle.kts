plugins {
    kotlin("jvm") version "1.9.24"
    application
}

dependencies {
    implementation(libs.bundles.ktor)
    implementation(libs.exposed.core)
    runtimeOnly(libs.logback)
    // implementation("org.apache.logging.log4j:log4j-core:2.14.1")
    implementation("com.h2database:h2:2.+")
    testImplementation(kotlin("test"))
}

application {
    mainClass.set("com.storefront.catalog.ApplicationKt")
}

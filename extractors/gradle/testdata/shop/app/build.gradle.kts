plugins {
    kotlin("jvm") version "1.9.24"
    alias(libs.plugins.kotlin.jvm)
}

val exposedVersion: String = "0.54.0"
val kotlinVersion: String by project

dependencies {
    implementation(libs.bundles.ktor)
    implementation(libs.jackson.databind)
    implementation(libs.guava.get())
    implementation(platform(libs.junit.bom))
    testImplementation(libs.junit.jupiter)
    implementation(kotlin("stdlib"))
    implementation(kotlin("reflect", kotlinVersion))
    implementation("org.jetbrains.exposed:exposed-core:$exposedVersion")
    implementation(group = "org.jetbrains.exposed", name = "exposed-jdbc", version = exposedVersion)
    implementation(
        group = "org.jetbrains.exposed",
        name = "exposed-dao",
        version = "0.54.0",
    )
    kapt("com.google.dagger:dagger-compiler:2.52")
    implementation("""com.google.dagger:dagger:2.52""")
    implementation(libs.does.not.exist)
    "implementation"("org.example:string-config:1.0")
    implementation("com.h2database:h2:2.3.232") {
        because("tests need a database")
    }
}

tasks.register("printDeps") {
    doLast { println("implementation(\"fake:dep:1.0\")") }
}

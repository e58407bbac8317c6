dependencies {
    implementation("com.google.guava:guava:${rootProject.extra["guavaVersion"]}")
}

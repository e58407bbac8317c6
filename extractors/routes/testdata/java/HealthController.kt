package com.example.shop

import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.RequestMapping
import org.springframework.web.bind.annotation.RestController

@RestController
@RequestMapping("/internal")
class HealthController(private val checks: List<Check>) {

    @GetMapping("/health")
    fun health(): Map<String, String> = mapOf("status" to "up")

    @GetMapping(value = ["/ready", "/live"])
    fun ready() = "ok"

    @GetMapping("/$PREFIX/dynamic")
    fun dynamic() = "no"
}

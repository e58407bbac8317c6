package com.example.billing

import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.RestController

@RestController
class StatusController {
    @GetMapping("/status")
    fun status() = mapOf("status" to "up")
}

package com.example.billing;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

class InvoiceControllerTest {
    @RestController
    static class Stub {
        @GetMapping("/only-in-tests")
        String stub() { return ""; }
    }
}

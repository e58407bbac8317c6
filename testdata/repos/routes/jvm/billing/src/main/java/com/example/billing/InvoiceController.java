package com.example.billing;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/invoices")
public class InvoiceController {
    private final InvoiceService invoices;

    public InvoiceController(InvoiceService invoices) {
        this.invoices = invoices;
    }

    @GetMapping
    public List<Invoice> list() {
        return invoices.all();
    }

    @GetMapping("/{id}")
    public Invoice get(@PathVariable long id) {
        return invoices.get(id);
    }

    @PostMapping(value = "/{id}/pay", consumes = "application/json")
    public Payment pay(@PathVariable long id, @RequestBody PaymentRequest request) {
        return invoices.pay(id, request);
    }

    @RequestMapping(path = "/{id}", method = RequestMethod.DELETE)
    public void void_(@PathVariable long id) {
        invoices.cancel(id);
    }
}

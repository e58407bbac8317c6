package com.wayfarer.bookings;

import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/bookings")
public class BookingController {
    private final BookingService bookings;

    public BookingController(BookingService bookings) {
        this.bookings = bookings;
    }

    @GetMapping
    public List<Booking> list(@RequestParam String customerId) {
        return bookings.forCustomer(customerId);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Booking create(@Valid @RequestBody NewBooking request) {
        return bookings.create(request);
    }

    /** Anonymous look-up by booking reference and surname, for the e-mail link. */
    @GetMapping("/lookup")
    public Booking lookup(@RequestParam String reference, @RequestParam String surname) {
        return bookings.lookup(reference, surname);
    }

    @GetMapping("/{bookingId}")
    public Booking get(@PathVariable String bookingId) {
        return bookings.get(bookingId);
    }

    @DeleteMapping("/{bookingId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void cancel(@PathVariable String bookingId) {
        bookings.cancel(bookingId);
    }

    // Support tooling; not in the public API definition.
    @PostMapping("/{bookingId}/force-confirm")
    @PreAuthorize("hasRole('SUPPORT')")
    public Booking forceConfirm(@PathVariable String bookingId) {
        return bookings.forceConfirm(bookingId);
    }

    // @GetMapping("/export") was removed: it streamed every booking as CSV.
}

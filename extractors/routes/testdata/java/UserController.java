package com.example.shop.web;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

/**
 * Users. @GetMapping("/in-a-javadoc") is not a route.
 */
@RestController
@RequestMapping("/api/users")
public class UserController {
    private static final String HELP = "@PostMapping(\"/in-a-string\")";

    private final UserService users;

    public UserController(UserService users) {
        this.users = users;
    }

    @GetMapping
    public List<User> list() {
        return users.findAll();
    }

    @GetMapping("/{id}")
    public ResponseEntity<User> get(@PathVariable("id") Long id) {
        return ResponseEntity.of(users.find(id));
    }

    // @DeleteMapping("/{id}") is commented out
    @PostMapping(value = "/", consumes = "application/json")
    public User create(@RequestBody User user) {
        return users.save(user);
    }

    @RequestMapping(path = {"/{id}/avatar", "/{id}/photo"}, method = {RequestMethod.PUT, RequestMethod.PATCH})
    public void avatar(@PathVariable Long id) {
    }

    @RequestMapping(value = "/search", method = RequestMethod.GET)
    public List<User> search(@RequestParam String q) {
        return users.search(q);
    }

    @PutMapping(Paths.RENAME)
    public void rename() {
    }

    static class Helper {
        @GetMapping("/not-in-a-controller")
        void nope() {
        }
    }
}

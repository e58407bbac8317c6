package routes

import "testing"

func TestJavaExtract(t *testing.T) {
	runCases(t, NewJava(), []extractCase{
		{name: "spring", path: "java/UserController.java", wantLine: 47, want: []string{
			"22 GET /api/users spring list",
			"42 GET /api/users/search spring search",
			"27 GET /api/users/{id} spring get",
			"38 PATCH /api/users/{id}/avatar spring avatar",
			"38 PATCH /api/users/{id}/photo spring avatar",
			"33 POST /api/users/ spring create",
			"38 PUT /api/users/{id}/avatar spring avatar",
			"38 PUT /api/users/{id}/photo spring avatar",
		}},
		{name: "jax-rs", path: "java/OrderResource.java", want: []string{
			"10 GET /orders jax-rs list",
			`15 GET /orders/{id: \d+} jax-rs get`,
			"21 POST /orders jax-rs create",
		}},
		{name: "kotlin", path: "java/HealthController.kt", wantLine: 17, want: []string{
			"11 GET /internal/health spring health",
			"14 GET /internal/live spring ready",
			"14 GET /internal/ready spring ready",
		}},
		{name: "mappings outside a controller", path: "Client.java", src: `
@Service
public class Client {
    @GetMapping("/not-a-controller")
    public void get() {}
}

@Controller
class Pages {
    @RequestMapping
    String index() { return "index"; }

    @RequestMapping(produces = "text/html", method = RequestMethod.HEAD)
    String head() { return ""; }
}
`, want: []string{
			"10 ANY / spring index",
			"13 HEAD / spring head",
		}},
		{name: "class prefix not literal", path: "Api.java", src: `
@RestController
@RequestMapping(Api.BASE)
class Api {
    static final String BASE = "/api";

    @DeleteMapping("/{id}")
    void delete() {}
}
`, want: []string{"7 DELETE /{id} spring delete ?"}},
	})
}

func TestJavaMatch(t *testing.T) {
	tests := map[string]bool{
		"src/main/java/a/UserController.java": true, "app/Api.kt": true,
		"src/test/java/a/UserControllerTest.java": false,
		"svc/src/test/kotlin/ApiTest.kt":          false, "build.gradle.kts": false,
	}
	for p, want := range tests {
		if got := NewJava().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}

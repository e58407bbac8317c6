package routes

import "testing"

func TestRailsExtract(t *testing.T) {
	runCases(t, NewRails(), []extractCase{
		{name: "routes.rb", path: "rails/config/routes.rb", want: []string{
			"37 ANY /letter_opener/* rails LetterOpenerWeb::Engine",
			"44 ANY /sidekiq/* rails Sidekiq::Web",
			"12 DELETE /photos/:id rails photos#destroy",
			"5 GET / rails pages#home",
			"7 GET /about rails pages#about",
			"27 GET /api/v1/articles rails api/articles#index",
			"27 GET /api/v1/articles/:slug rails api/articles#show",
			"45 GET /help rails -",
			"8 GET /legal rails pages#legal",
			"12 GET /photos rails photos#index",
			"12 GET /photos/:id rails photos#show",
			"19 GET /photos/:id/download rails -",
			"12 GET /photos/:id/edit rails photos#edit",
			"14 GET /photos/:id/preview rails -",
			"20 GET /photos/:photo_id/comments rails comments#index",
			"12 GET /photos/new rails photos#new",
			"17 GET /photos/search rails -",
			"23 GET /profile rails -",
			"23 GET /profile/edit rails -",
			"9 GET /search rails search#index",
			"12 PATCH /photos/:id rails photos#update",
			"23 PATCH /profile rails -",
			"12 POST /photos rails photos#create",
			"20 POST /photos/:photo_id/comments rails comments#create",
			"23 POST /profile rails -",
			"9 POST /search rails search#index",
			"10 POST /webhooks/:provider rails webhooks#receive",
			"12 PUT /photos/:id rails photos#update",
			"23 PUT /profile rails -",
		}},
		{name: "drawn file", path: "config/routes/admin.rb", src: `
namespace :admin do
  resources :users, only: :index, controller: "accounts"
  get "#{prefix}/report", to: "reports#show"
  resources :audits, only: ACTIONS
end
`, wantLine: 4, want: []string{"3 GET /admin/users rails admin/accounts#index ?"}},
		{name: "options, strings and odd layout", path: "config/routes.rb", src: `
Rails.application.routes.draw do
  scope path: "/v2", module: "v2" do
    get("status", to: "status#show")
  end
  match "anything", to: "catch#all", via: :all
  match "nowhere", to: "x#y"
  resources :categories, path: "kinds" do
    resources :boxes, only: [:show]
  end
  scope module: "internal" do
    delete "cache" => "cache#clear"
  end
  get "after"
end
`, want: []string{
			"6 ANY /anything rails catch#all",
			"12 DELETE /cache rails internal/cache#clear",
			"8 DELETE /kinds/:id rails categories#destroy",
			"14 GET /after rails -",
			"8 GET /kinds rails categories#index",
			"9 GET /kinds/:category_id/boxes/:id rails boxes#show",
			"8 GET /kinds/:id rails categories#show",
			"8 GET /kinds/:id/edit rails categories#edit",
			"8 GET /kinds/new rails categories#new",
			"4 GET /v2/status rails v2/status#show",
			"8 PATCH /kinds/:id rails categories#update",
			"8 POST /kinds rails categories#create",
			"8 PUT /kinds/:id rails categories#update",
		}},
	})
}

func TestRailsMatch(t *testing.T) {
	tests := map[string]bool{
		"config/routes.rb": true, "engine/config/routes.rb": true,
		"config/routes/admin.rb": true, "app/config/routes/api.rb": true,
		"config/application.rb": false, "routes.rb": false, "config/routes.yml": false,
	}
	for p, want := range tests {
		if got := NewRails().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestSingular(t *testing.T) {
	tests := map[string]string{
		"photos": "photo", "categories": "category", "boxes": "box", "addresses": "address",
		"matches": "match", "wishes": "wish", "glass": "glass", "sheep": "sheep",
	}
	for plural, want := range tests {
		if got := singular(plural); got != want {
			t.Errorf("singular(%q) = %q, want %q", plural, got, want)
		}
	}
}

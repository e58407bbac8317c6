# frozen_string_literal: true

Rails.application.routes.draw do
  # get 'commented/out', to: 'nope#nope'
  root "pages#home"

  get "about", to: "pages#about"
  get "/legal" => "pages#legal"
  match "search", to: "search#index", via: [:get, :post]
  post "webhooks/:provider", to: "webhooks#receive", as: :webhook

  resources :photos do
    member do
      get :preview
    end
    collection do
      get "search"
    end
    get "download", on: :member
    resources :comments, only: %i[index create]
  end

  resource :profile, except: [:destroy, :new]

  namespace :api do
    scope "/v1" do
      resources :articles,
                only: [:index, :show],
                param: :slug
    end
  end

=begin
  get "in/a/block/comment"
=end

  if Rails.env.development?
    mount LetterOpenerWeb::Engine, at: "/letter_opener"
  end

  concern :commentable do
    resources :notes
  end

  mount Sidekiq::Web => "/sidekiq"
  get "help", to: redirect("/docs") # a redirect is a route too
end

Rails.application.routes.draw do
  # Load balancers and uptime monitors hit this.
  get "up" => "rails/health#show", as: :rails_health_check

  resource :session, only: %i[new create destroy]
  resources :users, only: [:show, :create, :update] do
    resource :password, only: [:edit, :update]
  end

  namespace :api do
    namespace :v1 do
      get "me", to: "profiles#show"
      resources :tokens, only: [:create, :destroy]
    end
  end

  namespace :admin do
    resources :users, only: [:index, :destroy] do
      post :impersonate, on: :member
    end
  end

  # get "debug/sessions", to: "debug#sessions"
  mount ActionCable.server => "/cable"
end

Rails.application.routes.draw do
  root "storefront#index"

  resources :products, only: [:index, :show] do
    resources :reviews, only: %i[index create]
  end

  resource :session, only: [:new, :create, :destroy]

  namespace :admin do
    resources :orders, except: :destroy do
      post :refund, on: :member
    end
  end

  get "up" => "rails/health#show", as: :rails_health_check
end

module Admin
  class UsersController < ApplicationController
    before_action :require_admin!

    def index
      @users = User.order(created_at: :desc).page(params[:page])
    end

    def destroy
      User.find(params[:id]).destroy!
      redirect_to admin_users_path, notice: "User deleted"
    end

    # Support staff sign in as a traveller to reproduce a problem; every use
    # is written to the audit log.
    def impersonate
      user = User.find(params[:id])
      AuditLog.record!(actor: current_user, action: "impersonate", subject: user)
      start_session_for(user, impersonated_by: current_user)
      redirect_to root_path
    end
  end
end
